package dev.modelsweep.worker.cli;

import dev.modelsweep.worker.bench.OrchestrationBenchmark;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Benchmarks that print a table; ratios are measured within one run. */
@Command(
    mixinStandardHelpOptions = true,
    name = "bench",
    subcommands = {
      BenchTrainCommand.class, BenchSearchCommand.class, BenchMemoryCommand.class,
      BenchTransferCommand.class, BenchDistillCommand.class, BenchLatencyCommand.class,
      BenchServeCommand.class, BenchParallelCommand.class
    },
    description = "Orchestration overhead: the same trials through the Temporal sweep and through "
        + "the same trainer in a plain Java loop.")
final class BenchCommand implements Callable<Integer> {

  @Spec CommandSpec command;

  @Option(names = "--trials", defaultValue = "8", description = "Trials (default: ${DEFAULT-VALUE}).")
  int trials;

  @Option(names = "--epochs", defaultValue = "5", description = "Epochs per trial (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--warmup", defaultValue = "64",
      description = "Untimed trials each way runs first (other trials of the same model), as on a worker that has "
          + "run a sweep before; their orchestration_ms is printed too. 0 times the first sweep of a fresh JVM "
          + "(default: ${DEFAULT-VALUE}).")
  int warmup;

  private void print(OrchestrationBenchmark.Report report) {
    double plain = report.plainMs();
    System.out.printf(Locale.ROOT, "orchestration overhead: %d digits MLP trials x %d epochs, 1 training slot, "
        + "each way after %s%n", trials, epochs,
        warmup == 0 ? "one untimed plain trial (the sweeps run cold)" : warmup + " untimed trials");
    System.out.printf(Locale.ROOT, "%-42s %9s %13s %6s %12s %17s %14s%n", "mode", "total_ms", "per_trial_ms",
        "ratio", "vs_plain_ms", "orchestration_ms", "progress_q_ms");
    System.out.printf(Locale.ROOT, "%-42s %9.0f %13.1f %6.2f %12s %17s %14s%n",
        "plain Java loop", plain, plain / trials, 1.0, "", "", "");
    for (OrchestrationBenchmark.SweepRun sweep : report.sweeps()) {
      System.out.printf(Locale.ROOT, "%-42s %9.0f %13.1f %6.2f %12.1f %17.1f %14s%n", sweep.mode(),
          sweep.totalMs(), sweep.totalMs() / trials, sweep.totalMs() / plain, report.overheadPerTrialMs(sweep),
          sweep.orchestrationPerTrialMs(), String.format(Locale.ROOT, "%.1f (%d)", sweep.queryMs(), sweep.queries()));
    }
    System.out.println("orchestration_ms: per trial, the sweep's wall time outside its activities; vs_plain_ms also"
        + " counts training that ran slower or faster than in the plain loop");
    System.out.printf(Locale.ROOT, "embedded service + worker start: %.0f ms, once%n", report.startupMs());
    for (OrchestrationBenchmark.SweepRun warmup : report.warmups()) {
      System.out.printf(Locale.ROOT, "warm-up before it, %d untimed trials: %s, orchestration_ms %.1f%n",
          warmup.trials(), warmup.mode(), warmup.orchestrationPerTrialMs());
    }
    System.out.printf(Locale.ROOT, "%nwhere a trial's time went (ms per trial, service timestamps, sweep and trial histories)%n");
    System.out.printf(Locale.ROOT, "%-46s", "step");
    report.sweeps().forEach(s -> System.out.printf(Locale.ROOT, " %16s", s.mode().contains("no sticky") ? "before" : "after"));
    System.out.println();
    for (String step : OrchestrationBenchmark.steps()) {
      System.out.printf(Locale.ROOT, "%-46s", step);
      report.sweeps().forEach(s -> System.out.printf(Locale.ROOT, " %16.1f", s.steps().millis(step) / trials));
      System.out.println();
    }
  }

  @Override
  public Integer call() throws Exception {
    if (trials < 1 || epochs < 1 || warmup < 0) {
      throw new ParameterException(command.commandLine(),
          "--trials and --epochs take 1 or more, --warmup 0 or more (given " + trials + ", " + epochs + ", " + warmup + ")");
    }
    try (ScratchFolder scratchFolder = ScratchFolder.create("modelsweep-bench")) {
      Path artifacts = scratchFolder.path();
      OrchestrationBenchmark.Report report =
          OrchestrationBenchmark.run(OrchestrationBenchmark.spec(trials, epochs),
              warmup == 0 ? null : OrchestrationBenchmark.warmupSpec(warmup, epochs), artifacts);
      print(report);
      return 0;
    }
  }
}
