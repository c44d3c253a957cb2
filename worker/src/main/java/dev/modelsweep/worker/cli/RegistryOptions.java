package dev.modelsweep.worker.cli;

import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.activities.registry.ModelRegistry;
import dev.modelsweep.activities.store.FolderBlobStore;
import dev.modelsweep.worker.WorkerConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --registry} option of commands that read the model registry without running a worker. */
final class RegistryOptions {

  @Option(names = "--registry", paramLabel = "DIR", defaultValue = "${env:MODELSWEEP_REGISTRY}",
      description = "Model registry folder (default: env MODELSWEEP_REGISTRY, else the folder registry next "
          + "to the artifact root, env MODELSWEEP_ARTIFACTS or runs).")
  Path registry;

  /** The folder given, or the default next to the artifact root a worker here would use. */
  Path folder() {
    if (registry != null) {
      return registry.toAbsolutePath().normalize();
    }
    String artifacts = System.getenv("MODELSWEEP_ARTIFACTS");
    return WorkerConfig.defaultRegistry(artifacts == null || artifacts.isBlank()
        ? WorkerConfig.DEFAULT_ARTIFACT_ROOT : Path.of(artifacts));
  }

  ModelRegistry open() {
    return new ModelRegistry(new FolderBlobStore(folder()));
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
