package dev.modelsweep.worker.cli;

import dev.modelsweep.activities.train.MemoryEstimate;
import dev.modelsweep.worker.bench.MemoryBenchmark;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code bench memory}: the memory estimate that {@code --max-memory} is checked against, against the measured peak. */
@Command(
    mixinStandardHelpOptions = true,
    name = "memory",
    description = "Memory estimate vs. measured peak: one epoch of digits per model, each in a JVM of its own (Linux).")
final class BenchMemoryCommand implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    System.out.println("memory estimate vs. peak resident memory while training 1 epoch of digits (checkpoint included)");
    System.out.printf(Locale.ROOT, "%-54s %11s %11s %11s %9s%n", "model", "params", "estimate", "measured",
        "est/meas");
    for (MemoryBenchmark.Row row : MemoryBenchmark.run()) {
      System.out.printf(Locale.ROOT, "%-54s %,11d %11s %11s %9.2f%n", row.name(), row.parameters(),
          MemoryEstimate.bytes(row.estimate()), MemoryEstimate.bytes(row.measured()), row.ratio());
    }
    return 0;
  }
}
