package dev.modelsweep.worker;

import dev.modelsweep.activities.registry.ModelRegistry;
import dev.modelsweep.activities.store.FolderBlobStore;
import dev.modelsweep.activities.store.s3.S3BlobStore;
import dev.modelsweep.activities.store.s3.S3Connection;
import dev.modelsweep.activities.store.s3.S3Location;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where a model registry lives: a folder on this machine, or a prefix in an S3-compatible store
 * that every machine reaches. Exactly one of the two is set. {@link #open()} is the one place a
 * {@link ModelRegistry} is built from a location, for workers ({@link SweepWorker#registry}) and
 * for the commands that read the registry without one ({@code models}, {@code serve}).
 *
 * @param folder the registry's folder, absolute and normalised; null when the registry is in S3
 * @param s3 the registry's bucket and prefix, reached through the standard AWS environment ({@link
 *     S3Connection#fromEnvironment}, as {@code --store} is); null when the registry is a folder
 */
public record RegistryLocation(Path folder, S3Location s3) {

  public RegistryLocation {
    if ((folder == null) == (s3 == null)) {
      throw new IllegalArgumentException("a registry location is a folder or an S3 location, not both or neither");
    }
    folder = folder == null ? null : folder.toAbsolutePath().normalize();
  }

  /** The registry in {@code folder} (made absolute). */
  public static RegistryLocation inFolder(Path folder) {
    return new RegistryLocation(folder, null);
  }

  /**
   * The registry in the folder {@value ModelRegistry#DEFAULT_FOLDER} of the artifact store {@code
   * store} ({@code s3://bucket/prefix} gives {@code s3://bucket/prefix/registry/}): where every
   * worker of that store finds it without being told.
   *
   * @throws IllegalArgumentException naming {@code --store} when {@code store} is not an S3 URI
   */
  public static RegistryLocation inStore(String store) {
    return new RegistryLocation(null, S3Location.parse(store).within(ModelRegistry.DEFAULT_FOLDER));
  }

  /**
   * What {@code option} ({@code --registry}) says: {@code s3://bucket/prefix} is a location in S3,
   * anything else a folder.
   *
   * @throws IllegalArgumentException naming {@code option} and the fix, for a malformed S3 URI or a
   *     value that looks like a URI of another kind (which would otherwise become a strange folder)
   */
  public static RegistryLocation parse(String value, String option) {
    if (value.startsWith("s3://")) {
      return new RegistryLocation(null, S3Location.parse(value, option));
    }
    if (value.contains("://") || value.regionMatches(true, 0, "s3:", 0, 3)) {
      throw new IllegalArgumentException(option + ": '" + value + "' is neither a folder nor an S3 URI; give a folder"
          + " or s3://bucket/prefix (lower-case s3, two slashes)");
    }
    try {
      return inFolder(Path.of(value));
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(option + ": '" + value + "' is not a folder name (" + e.getReason()
          + "); give a folder or s3://bucket/prefix", e);
    }
  }

  /**
   * The registry here. One in S3 gets its endpoint, region and credentials from the standard AWS
   * environment of this process, exactly as the artifact store of {@code --store} does.
   */
  public ModelRegistry open() {
    // Read the environment only for S3: a folder registry must not fail on a malformed AWS_ENDPOINT_URL.
    return s3 == null ? open(null) : open(S3Connection.fromEnvironment(System.getenv()));
  }

  /**
   * The registry here, reached through {@code connection} when it is in S3 (ignored for a folder).
   * The S3 client lives as long as the process: a registry is opened once per command or worker.
   */
  public ModelRegistry open(S3Connection connection) {
    if (s3 == null) {
      return new ModelRegistry(new FolderBlobStore(folder));
    }
    return new ModelRegistry(new S3BlobStore(connection.newClient(), s3));
  }

  /** The folder, or {@code s3://bucket/prefix/}. */
  @Override
  public String toString() {
    return s3 == null ? folder.toString() : s3.toString();
  }
}
