package dev.modelsweep.worker.cli;

import dev.modelsweep.worker.bench.ParallelBenchmark;
import dev.modelsweep.worker.bench.TrainingBenchmark;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench parallel}: epoch time with data-parallel CPU replicas against one. */
@Command(
    mixinStandardHelpOptions = true,
    name = "parallel",
    description = "Data-parallel training on CPU replicas: the epoch's wall-clock time of the letter MLP "
        + "16-256-128-26 and the digits-cnn sample's model, adam at global batch 128 and 512, with 1 replica and "
        + "with --replicas, and the speed-up.")
final class BenchParallelCommand implements Callable<Integer> {

  @Option(names = "--replicas", split = ",", defaultValue = "2",
      description = "Replica counts to compare with 1, each at least 2 (default: ${DEFAULT-VALUE}).")
  List<Integer> replicas;

  @Option(names = "--epochs", defaultValue = "7",
      description = "Epochs per configuration, at least 3; the first and last are not timed (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--warmup", defaultValue = "" + TrainingBenchmark.DEFAULT_WARMUP,
      description = "Untimed epochs each configuration trains first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--model", split = ",", defaultValue = "MLP,CNN",
      description = "Models to measure: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  List<TrainingBenchmark.Model> models;

  @Override
  public Integer call() throws Exception {
    BenchOptimizeOptions.pinOneThread(); // one PyTorch thread per replica
    try (ScratchFolder scratchFolder = ScratchFolder.create("modelsweep-bench-parallel")) {
      Path artifacts = scratchFolder.path();
      System.out.printf(Locale.ROOT, "data-parallel CPU replicas: %d epochs per row (median of epochs 2..%d) after %d "
          + "untimed, %d cores, load average %.1f%n", epochs, epochs - 1, warmup,
          Runtime.getRuntime().availableProcessors(),
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      System.out.printf(Locale.ROOT, "%-30s %6s %9s %8s %9s%n", "model", "batch", "replicas", "wall_s", "speed_up");
      ParallelBenchmark.run(models, replicas, epochs, warmup, artifacts, row -> System.out.printf(Locale.ROOT,
          "%-30s %6d %9d %8.4f %9.2f%n", row.label(), row.batch(), row.replicas(), row.wallSeconds(), row.speedUp()));
      System.out.println("wall_s: one epoch (training and validation scoring), wall clock; speed_up: the 1-replica "
          + "epoch over this one");
      return 0;
    }
  }
}
