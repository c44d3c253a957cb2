package dev.modelsweep.worker.cli;

import dev.modelsweep.worker.bench.OrchestrationBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Benchmarks that print a table; ratios are measured within one run. */
@Command(
    mixinStandardHelpOptions = true,
    name = "bench",
    subcommands = {
      BenchTrainCommand.class, BenchSearchCommand.class, BenchMemoryCommand.class,
      BenchTransferCommand.class, BenchDistillCommand.class
    },
    description = "Orchestration overhead: the same trials through the Temporal sweep and through "
        + "the same trainer in a plain Java loop.")
final class BenchCommand implements Callable<Integer> {

  @Option(names = "--trials", defaultValue = "8", description = "Trials (default: ${DEFAULT-VALUE}).")
  int trials;

  @Option(names = "--epochs", defaultValue = "5", description = "Epochs per trial (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Override
  public Integer call() throws Exception {
    Path artifacts = Files.createTempDirectory("modelsweep-bench");
    try {
      List<OrchestrationBenchmark.Row> rows =
          OrchestrationBenchmark.run(OrchestrationBenchmark.spec(trials, epochs), artifacts);
      double plain = rows.get(0).totalMs();
      System.out.printf(Locale.ROOT, "orchestration overhead: %d digits MLP trials x %d epochs, 1 training slot%n",
          trials, epochs);
      System.out.printf(Locale.ROOT, "%-36s %7s %10s %13s %8s%n", "mode", "trials", "total_ms", "per_trial_ms", "ratio");
      for (OrchestrationBenchmark.Row row : rows) {
        System.out.printf(Locale.ROOT, "%-36s %7d %10.0f %13.1f %8s%n", row.mode(), row.trials(),
            row.totalMs(), row.perTrialMs(),
            row.trials() == trials ? String.format(Locale.ROOT, "%.2f", row.totalMs() / plain) : "");
      }
      System.out.printf(Locale.ROOT, "overhead per trial: %.1f ms%n",
          (rows.get(1).totalMs() - plain) / trials);
      return 0;
    } finally {
      try (Stream<Path> files = Files.walk(artifacts)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
