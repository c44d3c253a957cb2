package dev.modelsweep.worker.cli;

import dev.modelsweep.worker.bench.TrainingBenchmark;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench train}: epoch time against the arithmetic's time, on one thread. */
@Command(
    mixinStandardHelpOptions = true,
    name = "train",
    description = "Training throughput: epoch time of the letter MLP 16-256-128-26 and the digits-cnn "
        + "sample's model, sgd and adam at batch 32 and 128, against the time of the epoch's matrix "
        + "products at the matmul throughput libtorch reaches on the same shapes, on one thread.")
final class BenchTrainCommand implements Callable<Integer> {

  /** The property DJL reads, once, when the PyTorch engine loads. */
  private static final String THREADS = "ai.djl.pytorch.num_threads";

  @Option(names = "--epochs", defaultValue = "7",
      description = "Epochs per configuration, at least 3; the first and last are not timed (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--warmup", defaultValue = "" + TrainingBenchmark.DEFAULT_WARMUP,
      description = "Untimed epochs each configuration trains before its model's are timed, so the JIT has "
          + "compiled the step loop, as in a worker that has trained a trial or two; 0 times a cold JVM (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--model", split = ",", defaultValue = "MLP,CNN",
      description = "Models to measure: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  List<TrainingBenchmark.Model> models;

  @Override
  public Integer call() throws Exception {
    TrainingBenchmark.requireEpochs(epochs);
    BenchOptimizeOptions.pinOneThread();
    try (ScratchFolder scratchFolder = ScratchFolder.create("modelsweep-bench-train")) {
      Path artifacts = scratchFolder.path();
      System.out.printf(Locale.ROOT, "training throughput: %d epochs per row (median of epochs 2..%d) after %d untimed, "
          + "%s PyTorch thread(s)%n", epochs, epochs - 1, warmup, System.getProperty(THREADS));
      System.out.printf(Locale.ROOT, "%-26s %-5s %5s %5s %6s %6s %8s %8s %8s %6s%n",
          "model", "optim", "batch", "steps", "gflop", "gflops", "arith_s", "cpu_s", "wall_s", "ratio");
      TrainingBenchmark.run(models, epochs, warmup, artifacts, row -> System.out.printf(Locale.ROOT,
          "%-26s %-5s %5d %5d %6.3f %6.1f %8.4f %8.4f %8.4f %6.2f%n", row.label(), row.optimizer(), row.batch(),
          row.steps(), row.gflop(), row.gflops(), row.arithmeticSeconds(), row.epoch().cpu(), row.epoch().wall(),
          row.ratio()));
      System.out.println("gflops: matmul throughput on the model's shapes; arith_s = gflop / gflops; cpu_s and "
          + "wall_s: one epoch (training and validation scoring), CPU time of the training thread and wall clock; "
          + "ratio = cpu_s / arith_s");
      return 0;
    }
  }
}
