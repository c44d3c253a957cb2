package dev.modelsweep.worker.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The orchestration benchmark, tiny: 2 timed trials of 1 epoch each way, after 3 untimed ones. */
class OrchestrationBenchmarkTest {

  @Test
  void timesEachWayAfterAWarmUpSweepOnTheSameWorker(@TempDir Path artifacts) throws Exception {
    OrchestrationBenchmark.Report report = OrchestrationBenchmark.run(
        OrchestrationBenchmark.spec(2, 1), OrchestrationBenchmark.warmupSpec(3, 1), artifacts);

    assertEquals(2, report.trials());
    assertEquals(List.of(3, 3), report.warmups().stream().map(OrchestrationBenchmark.SweepRun::trials).toList());
    assertEquals(List.of("Temporal sweep, no sticky cache (before)", "Temporal sweep, sticky cache (after)"),
        report.sweeps().stream().map(OrchestrationBenchmark.SweepRun::mode).toList());
    assertEquals(report.sweeps().stream().map(OrchestrationBenchmark.SweepRun::mode).toList(),
        report.warmups().stream().map(OrchestrationBenchmark.SweepRun::mode).toList());
    assertTrue(report.plainMs() > 0);
    for (OrchestrationBenchmark.SweepRun run : report.sweeps()) {
      // Every timed trial trained and was evaluated through the service, and the rest of the
      // sweep's wall time is its orchestration.
      assertTrue(run.steps().millis("activity run: train") > 0, run.mode());
      assertTrue(run.steps().millis("activity run: evaluate") > 0, run.mode());
      double orchestration = run.orchestrationPerTrialMs();
      assertTrue(orchestration > 0 && orchestration * report.trials() < run.totalMs(), run.mode() + ": " + orchestration);
    }
    for (OrchestrationBenchmark.SweepRun warmup : report.warmups()) {
      double orchestration = warmup.orchestrationPerTrialMs();
      assertTrue(orchestration > 0 && orchestration * warmup.trials() < warmup.totalMs(),
          warmup.mode() + ": " + orchestration);
    }
  }
}
