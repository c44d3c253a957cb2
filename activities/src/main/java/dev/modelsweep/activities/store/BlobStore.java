package dev.modelsweep.activities.store;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The artifact store as activities use it for models and documents: bytes put and got by key,
 * whatever holds them. Two backends: {@link FolderBlobStore} (a folder, local or shared) and
 * {@link dev.modelsweep.activities.store.s3.S3BlobStore} (an S3-compatible object store).
 *
 * <p>Keys are relative, {@code /}-separated names such as {@code models/sha256-ab12.params}, as
 * {@link BlobKeys} checks. Every write is atomic: the bytes go to a temporary key first and appear under
 * the final key complete or not at all. Every read checks the bytes against the SHA-256 digest
 * recorded when they were put. Implementations are thread-safe.
 */
public interface BlobStore {

  /**
   * What the store holds under a key.
   *
   * @param digest SHA-256 of the bytes, hex
   * @param size length in bytes
   */
  record Blob(String key, String digest, long size) {}

  /**
   * Puts {@code bytes} under {@code key} atomically, replacing what was there.
   *
   * @throws IllegalArgumentException if the key is not a valid key
   */
  Blob put(String key, byte[] bytes) throws IOException;

  /**
   * The bytes under {@code key}, checked against their recorded digest.
   *
   * @throws java.nio.file.NoSuchFileException if nothing (complete) is stored under the key
   * @throws CorruptArtifactException if the bytes do not match their digest
   */
  byte[] get(String key) throws IOException;

  /** What is stored under {@code key}, or empty. */
  Optional<Blob> stat(String key) throws IOException;

  /** Removes {@code key} and its bytes; nothing happens if it is absent. */
  void delete(String key) throws IOException;

  /** Every key that starts with {@code prefix} ({@code ""} for all), sorted. */
  List<String> list(String prefix) throws IOException;

  /** Where the store is, for messages: a folder, a bucket URI. */
  String location();

  /**
   * {@link #get(String)}, also checking that the bytes are the ones a reference names.
   *
   * @throws CorruptArtifactException if they are other bytes
   */
  default byte[] get(String key, String expectedDigest) throws IOException {
    byte[] bytes = get(key);
    String digest = Digests.sha256(bytes);
    if (!digest.equals(expectedDigest)) {
      throw new CorruptArtifactException(
          key + " in " + location() + " has digest " + digest + ", not " + expectedDigest
              + " as its reference says; the store was changed after the reference was made");
    }
    return bytes;
  }

  /**
   * Puts {@code bytes} under a key named by their content, {@code prefix + "sha256-" + digest +
   * suffix}, unless the store already holds them there. The same bytes always get the same key, so
   * a retried step writes nothing new.
   */
  default Blob putContent(String prefix, String suffix, byte[] bytes) throws IOException {
    String digest = Digests.sha256(bytes);
    String key = prefix + "sha256-" + digest + suffix;
    Optional<Blob> existing = stat(key);
    if (existing.isPresent() && existing.get().digest().equals(digest)) {
      return existing.get();
    }
    return put(key, bytes);
  }
}
