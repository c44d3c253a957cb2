package dev.modelsweep.worker.cli;

import dev.modelsweep.worker.bench.OptimizationBenchmark;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by {@code bench transfer} and {@code bench distill}, and their scratch folder. */
final class BenchOptimizeOptions {

  @Option(names = "--mnist", defaultValue = "samples/data/mnist",
      description = "Folder of the MNIST IDX files (default: ${DEFAULT-VALUE}).")
  Path mnist;

  @Option(names = "--seeds", defaultValue = "3", description = "Seeds 1..N, one row each (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--limit", defaultValue = "10000",
      description = "MNIST rows used, a stratified sample taken after the class selection (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--epochs", defaultValue = "5",
      description = "Epochs of the source or teacher; targets and students train twice as many (default: ${DEFAULT-VALUE}).")
  int epochs;

  /** Runs {@code body} on a benchmark over a fresh scratch folder, deleted afterwards. */
  void run(Body body) throws IOException {
    pinOneThread();
    try (ScratchFolder scratchFolder = ScratchFolder.create("modelsweep-bench-optimize")) {
      Path scratch = scratchFolder.path();
      body.run(new OptimizationBenchmark(new OptimizationBenchmark.Setup(mnist, seeds, limit, epochs, scratch)));
    }
  }

  /**
   * One PyTorch thread, as the launcher sets: a JVM started otherwise gets it here, before the
   * engine loads, so a benchmark's figures always describe one thread.
   */
  static void pinOneThread() {
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", "1");
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
  }

  @FunctionalInterface
  interface Body {
    void run(OptimizationBenchmark benchmark) throws IOException;
  }
}
