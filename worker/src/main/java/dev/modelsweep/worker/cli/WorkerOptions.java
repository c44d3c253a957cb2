package dev.modelsweep.worker.cli;

import dev.modelsweep.worker.WorkerConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of commands that run a worker. */
final class WorkerOptions {

  @Option(names = "--artifacts", defaultValue = "${env:MODELSWEEP_ARTIFACTS:-runs}",
      description = "Artifact root for checkpoints, models and results (default: ${DEFAULT-VALUE}).")
  Path artifacts;

  @Option(names = "--slots",
      description = "Trials trained at once (default: one per GPU, else one per two cores).")
  Integer slots;

  WorkerConfig.Builder builder() {
    WorkerConfig.Builder b = WorkerConfig.newBuilder().setArtifactRoot(artifacts);
    if (slots != null) {
      b.setTrainingSlots(slots);
    }
    return b;
  }

  WorkerConfig config() {
    return builder().build();
  }
}
