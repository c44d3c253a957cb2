package dev.modelsweep.worker.cli;

import dev.modelsweep.spec.Limits;
import dev.modelsweep.worker.WorkerConfig;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Options of commands that run a worker. */
final class WorkerOptions {

  /** Data roots when no {@code --data-root} is given, separated by {@link File#pathSeparator} (':'). */
  static final String DATA_ROOTS_ENV = "MODELSWEEP_DATA_ROOTS";

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--artifacts", defaultValue = "${env:MODELSWEEP_ARTIFACTS:-runs}",
      description = "Artifact root for checkpoints, models and results (default: ${DEFAULT-VALUE}).")
  Path artifacts;

  @Option(names = "--slots",
      description = "Trials trained at once (default: one per GPU, else one per two cores).")
  Integer slots;

  @Option(names = "--data-root", paramLabel = "DIR",
      description = "Read data files (dataset.path, .images, .labels) only from inside DIR; repeat for "
          + "more folders. Relative paths in a spec resolve against the first (default: env "
          + DATA_ROOTS_ENV + ", colon-separated, else the working directory).")
  List<Path> dataRoots = new ArrayList<>();

  @Option(names = Limits.MAX_TRIALS, paramLabel = "N",
      description = "Refuse sweeps that plan more than N trials (default: no limit).")
  Integer maxTrials;

  @Option(names = Limits.MAX_LAYERS, paramLabel = "N",
      description = "Refuse models with more than N hidden layers or conv blocks (default: no limit).")
  Integer maxLayers;

  @Option(names = Limits.MAX_WIDTH, paramLabel = "N",
      description = "Refuse layers wider than N units or channels (default: no limit).")
  Integer maxWidth;

  @Option(names = Limits.MAX_EPOCHS, paramLabel = "N",
      description = "Refuse trials of more than N epochs (default: no limit).")
  Integer maxEpochs;

  @Option(names = Limits.MAX_ROWS, paramLabel = "N",
      description = "Refuse data sets of more than N rows after dataset.limit (default: no limit).")
  Integer maxRows;

  WorkerConfig.Builder builder() {
    WorkerConfig.Builder b = WorkerConfig.newBuilder()
        .setArtifactRoot(artifacts)
        .setDataRoots(dataRoots.isEmpty() ? rootsFromEnv(System.getenv(DATA_ROOTS_ENV)) : dataRoots)
        .setLimits(limits());
    if (slots != null) {
      b.setTrainingSlots(slots);
    }
    return b;
  }

  WorkerConfig config() {
    return builder().build();
  }

  /** The folders of {@value #DATA_ROOTS_ENV}, empty entries skipped; empty when it is unset. */
  static List<Path> rootsFromEnv(String value) {
    List<Path> out = new ArrayList<>();
    if (value != null) {
      for (String part : value.split(File.pathSeparator)) {
        if (!part.isBlank()) {
          out.add(Path.of(part.strip()));
        }
      }
    }
    return out;
  }

  private Limits limits() {
    try {
      return new Limits(maxTrials, maxLayers, maxWidth, maxEpochs, maxRows);
    } catch (IllegalArgumentException e) {
      if (command == null) {
        throw e;
      }
      throw new ParameterException(command.commandLine(), e.getMessage());
    }
  }
}
