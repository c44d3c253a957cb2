package dev.modelsweep.worker.cli;

import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.activities.registry.ModelRegistry;
import dev.modelsweep.worker.RegistryLocation;
import dev.modelsweep.worker.WorkerConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --registry} option of commands that read the model registry without running a worker. */
final class RegistryOptions {

  static final String OPTION = "--registry";

  @Option(names = OPTION, paramLabel = "DIR|s3://BUCKET/PREFIX", defaultValue = "${env:MODELSWEEP_REGISTRY}",
      description = "Model registry: a folder, or a prefix in an S3-compatible store (a worker with --store "
          + "s3://BUCKET/PREFIX keeps it in s3://BUCKET/PREFIX/registry), reached through the standard AWS "
          + "environment as --store is (AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL, AWS_REGION, AWS_ACCESS_KEY_ID, "
          + "AWS_SECRET_ACCESS_KEY, AWS_PROFILE) (default: env MODELSWEEP_REGISTRY, else the folder registry next "
          + "to the artifact root, env MODELSWEEP_ARTIFACTS or runs).")
  String registry;

  /**
   * The location given, or the folder next to the artifact root that a worker here without
   * {@code --store} would use. The default stays a folder: these commands know no store.
   *
   * @throws IllegalArgumentException naming {@code --registry} and the fix, for a malformed value
   */
  RegistryLocation location() {
    if (registry != null && !registry.isBlank()) {
      return RegistryLocation.parse(registry.strip(), OPTION);
    }
    String artifacts = System.getenv("MODELSWEEP_ARTIFACTS");
    return RegistryLocation.inFolder(WorkerConfig.defaultRegistry(artifacts == null || artifacts.isBlank()
        ? WorkerConfig.DEFAULT_ARTIFACT_ROOT : Path.of(artifacts)));
  }

  ModelRegistry open() {
    return location().open();
  }

  /** Runs a registry call, a bad name, reference or version becoming a usage error (exit 2). */
  static <T> T usage(Call<T> call) throws java.io.IOException {
    try {
      return call.run();
    } catch (InvalidSpecException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  @FunctionalInterface
  interface Call<T> {
    T run() throws java.io.IOException;
  }
}
