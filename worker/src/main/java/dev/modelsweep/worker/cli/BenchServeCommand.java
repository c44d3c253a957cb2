package dev.modelsweep.worker.cli;

import dev.modelsweep.worker.bench.ServeBenchmark;
import dev.modelsweep.worker.serve.LoadGenerator;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench serve}: the served digits MLP over HTTP from another process, against in-process predict. */
@Command(
    mixinStandardHelpOptions = true,
    name = "serve",
    description = "Serving latency and throughput: the digits MLP behind `serve` on localhost, loaded by a "
        + "load generator in its own process, paced at --rate and in closed loops, beside the same model's "
        + "plain in-process predict call under the same load.")
final class BenchServeCommand implements Callable<Integer> {

  @Option(names = "--concurrency", split = ",", defaultValue = "1,4",
      description = "Callers at once, one row per call (default: ${DEFAULT-VALUE}).")
  List<Integer> concurrencies;

  @Option(names = "--rate", defaultValue = "500",
      description = "Calls per second in all for the paced runs, the moderate load; 0: closed loops only (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--seconds", defaultValue = "5", description = "Measured seconds per row (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--warmup", defaultValue = "10",
      description = "Unmeasured seconds of closed loops before each row. On 2 cores the JIT compilers of the server "
          + "and of a fresh load generator still take a good part of a core 3 s in, and would compile into the "
          + "measured window (default: ${DEFAULT-VALUE}).")
  double warmup;

  @Override
  public Integer call() throws Exception {
    if (concurrencies.stream().anyMatch(c -> c < 1) || rate < 0 || seconds <= 0 || warmup < 0) {
      throw new IllegalArgumentException("--concurrency at least 1, --rate at least 0, --seconds above 0, --warmup at least 0");
    }
    BenchOptimizeOptions.pinOneThread();
    try (ScratchFolder scratchFolder = ScratchFolder.create("modelsweep-bench-serve")) {
      Path scratch = scratchFolder.path();
      System.out.printf(Locale.ROOT, "serving the digits MLP 64-64-10, one row per call, %d cores, load average %.1f, "
              + "collector %s%n", Runtime.getRuntime().availableProcessors(),
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
              .collect(Collectors.joining(" + ")));
      if (ServeBenchmark.kernelMemoryMonitorRunning(ServeBenchmark.KDAMONDS)) {
        System.out.println("note: the kernel's DAMON memory monitor (kdamond) is running; on a small VM it holds a CPU "
            + "for 10-30 ms at a time, which the paced rows count (README: Serving)");
      }
      System.out.printf(Locale.ROOT, "%-11s %11s %8s %9s %8s %9s %9s %12s%n", "path", "concurrency", "rate",
          "calls", "errors", "p50_ms", "p99_ms", "calls_per_s");
      ServeBenchmark.run(scratch, concurrencies, rate, Duration.ofMillis((long) (warmup * 1000)),
          Duration.ofMillis((long) (seconds * 1000)), row -> {
            LoadGenerator.Result r = row.result();
            System.out.printf(Locale.ROOT, "%-11s %11d %8s %9d %8d %9.3f %9.3f %12.0f%n", row.path(), row.concurrency(),
                row.rate() > 0 ? String.format(Locale.ROOT, "%.0f", row.rate()) : "closed", r.calls(), r.errors(),
                r.p50Ms(), r.p99Ms(), r.throughputPerS());
          });
      System.out.println("http: POST /v1/models/digits:predict from a load generator in its own JVM; in-process: "
          + "Predictor.predict on the server's JVM. Paced latencies count from each call's scheduled start.");
      return 0;
    }
  }
}
