package dev.modelsweep.worker.cli;

import dev.modelsweep.activities.train.ServingCost;
import dev.modelsweep.worker.bench.LatencyBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench latency}: the evaluator's latency of one model on an idle and on a busy worker. */
@Command(
    mixinStandardHelpOptions = true,
    name = "latency",
    description = "Latency reproducibility: one digits MLP measured by the evaluator alternately on an idle "
        + "worker and while other threads train beside it; p95 busy / idle should stay within 1.25.")
final class BenchLatencyCommand implements Callable<Integer> {

  @Option(names = "--rounds", defaultValue = "5",
      description = "Measurements of each kind, alternating (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--busy-threads", defaultValue = "1",
      description = "Threads that train while the busy measurement runs: the worker's other slots (default: ${DEFAULT-VALUE}).")
  int busyThreads;

  @Override
  public Integer call() throws Exception {
    if (rounds < 1 || busyThreads < 1) {
      throw new IllegalArgumentException("--rounds and --busy-threads: give at least 1");
    }
    BenchOptimizeOptions.pinOneThread();
    Path artifacts = Files.createTempDirectory("modelsweep-bench-latency");
    try {
      System.out.printf(Locale.ROOT, "latency reproducibility: digits MLP 64-64-10, %d round(s), %d busy thread(s), %d cores%n",
          rounds, busyThreads, Runtime.getRuntime().availableProcessors());
      System.out.printf(Locale.ROOT, "%-6s %5s %8s %8s %8s %12s%n", "worker", "round", "p50_ms", "p95_ms", "p99_ms", "rows_per_s");
      LatencyBenchmark.Report report = LatencyBenchmark.run(artifacts, rounds, busyThreads, row -> {
        ServingCost.Figures f = row.figures();
        System.out.printf(Locale.ROOT, "%-6s %5d %8.4f %8.4f %8.4f %12.0f%n", row.busy() ? "busy" : "idle", row.round(),
            f.latencyP50Ms(), f.latencyP95Ms(), f.latencyP99Ms(), f.throughputPerS());
      });
      double idle = report.median(false, ServingCost.Figures::latencyP95Ms);
      double busy = report.median(true, ServingCost.Figures::latencyP95Ms);
      System.out.printf(Locale.ROOT, "p95 median of rounds: idle %.4f ms, busy %.4f ms, busy / idle %.3f (%s 1.25); "
          + "%d epochs trained beside the busy rounds%n", idle, busy, busy / idle, busy / idle <= 1.25 ? "within" : "OVER",
          report.busyEpochs());
      return 0;
    } finally {
      try (Stream<Path> files = Files.walk(artifacts)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
