package dev.modelsweep.worker.cli;

import dev.modelsweep.activities.Limits;
import dev.modelsweep.worker.RegistryLocation;
import dev.modelsweep.worker.WorkerConfig;
import dev.modelsweep.worker.metrics.WorkerMetrics;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
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

  @Option(names = "--store", paramLabel = "s3://BUCKET/PREFIX", defaultValue = "${env:MODELSWEEP_STORE}",
      description = "Keep artifacts and checkpoints in this S3-compatible store, which every worker reaches; "
          + "--artifacts is then this worker's cache. Endpoint, region and credentials come from the standard "
          + "AWS environment (AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL, AWS_REGION, AWS_ACCESS_KEY_ID, "
          + "AWS_SECRET_ACCESS_KEY, AWS_PROFILE) (default: env MODELSWEEP_STORE, else none: the artifact root is the store).")
  String store;

  @Option(names = "--registry", paramLabel = "DIR|s3://BUCKET/PREFIX", defaultValue = "${env:MODELSWEEP_REGISTRY}",
      description = "Model registry, where promote stages register versions: a folder, or a prefix in an "
          + "S3-compatible store reached through the same AWS environment as --store (default: env "
          + "MODELSWEEP_REGISTRY, else with --store the store's folder registry, s3://BUCKET/PREFIX/registry, "
          + "else the folder registry next to the artifact root).")
  String registry;

  @Option(names = "--slots",
      description = "Trials trained at once, on CPU (default: one per two cores). With GPUs the slots are "
          + "GPUs x --slots-per-gpu, and --slots is refused.")
  Integer slots;

  @Option(names = "--gpus", split = ",", paramLabel = "N[,N...]",
      description = "GPUs to train on, by index, e.g. 0,1; each slot leases one (default: all that DJL sees).")
  List<Integer> gpus;

  @Option(names = "--slots-per-gpu", paramLabel = "N",
      description = "Trials trained at once on each GPU (default: 1).")
  Integer slotsPerGpu;

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

  @Option(names = "--max-memory", paramLabel = "SIZE", converter = ByteSize.class,
      description = "Refuse trials whose memory estimate (weights, gradients, optimizer state, "
          + "activations, checkpoint buffers) is over SIZE, in bytes or with k, m, g, t (default: half "
          + "the machine's memory, split between the training slots).")
  Long maxMemory;

  @Option(names = "--metrics-port", paramLabel = "N",
      description = "Serve Prometheus metrics on http://127.0.0.1:N/metrics (0: any free port; default: none).")
  Integer metricsPort;

  /** The metrics server {@code --metrics-port} asks for, started; null without it. */
  WorkerMetrics metrics() {
    return metricsPort == null ? null : WorkerMetrics.serve(metricsPort);
  }

  WorkerConfig.Builder builder() {
    WorkerConfig.Builder b = WorkerConfig.newBuilder()
        .setArtifactRoot(artifacts)
        .setDataRoots(dataRoots.isEmpty() ? rootsFromEnv(System.getenv(DATA_ROOTS_ENV)) : dataRoots)
        .setLimits(limits())
        .setStore(store())
        .setGpus(gpus)
        .setSlotsPerGpu(slotsPerGpu)
        .setRegistry(registry());
    if (slots != null) {
      if (slots < 1) {
        throw usage("--slots: " + slots + " must be at least 1 (trials trained at once)");
      }
      b.setTrainingSlots(slots);
    }
    if (maxMemory != null) {
      b.setMaxMemory(maxMemory);
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

  /** The {@code --store} URI, checked here so that a typo is a usage error, not a failed trial. */
  private String store() {
    if (store == null || store.isBlank()) {
      return null;
    }
    try {
      return dev.modelsweep.activities.store.s3.S3Location.parse(store).toString();
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  /** The {@code --registry} location, checked here so that a typo is a usage error, not a failed promote. */
  private RegistryLocation registry() {
    if (registry == null || registry.isBlank()) {
      return null;
    }
    try {
      return RegistryLocation.parse(registry.strip(), "--registry");
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private Limits limits() {
    try {
      return new Limits(maxTrials, maxLayers, maxWidth, maxEpochs, maxRows);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  /** A usage error (exit 2, one line) when parsed from a command line; else a plain bad argument. */
  private RuntimeException usage(String message) {
    return command == null ? new IllegalArgumentException(message) : new ParameterException(command.commandLine(), message);
  }

  /** A size in bytes: a whole number, optionally with k, m, g or t (powers of 1024), e.g. {@code 8g}. */
  static final class ByteSize implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      Matcher m = Pattern.compile("(\\d{1,15})\\s*([kmgt]?)i?b?", Pattern.CASE_INSENSITIVE).matcher(value.strip());
      if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a positive size; give bytes or a number with k, m, g or t, e.g. 8g");
      }
      long n = Long.parseLong(m.group(1));
      if (m.group(2).isEmpty()) {
        return n;
      }
      int shift = 10 * (1 + "kmgt".indexOf(Character.toLowerCase(m.group(2).charAt(0))));
      if (n > (Long.MAX_VALUE >> shift)) {
        throw new CommandLine.TypeConversionException("'" + value + "' is too large");
      }
      return n << shift;
    }
  }
}
