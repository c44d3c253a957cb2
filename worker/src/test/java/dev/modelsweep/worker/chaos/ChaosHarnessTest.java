package dev.modelsweep.worker.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.activities.store.s3.S3Proxy;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness on a small sweep: real worker processes, real SIGKILLs, real training. Timing
 * targets are the harness's own business ({@code modelsweep chaos}); this checks the accounting
 * and that nothing is lost or done twice.
 */
class ChaosHarnessTest {

  private static final String SPEC = """
      {
        "name": "chaos-test",
        "seed": 3,
        "dataset": "digits",
        "model": {"family": "mlp", "hiddenLayers": [32]},
        "training": {"epochs": 48, "batchSize": 16, "checkpointEvery": 4},
        "optimizer": {"type": "adam", "learningRate": 0.005},
        "search": {
          "strategy": "grid",
          "space": {"model.activation": {"type": "choice", "values": ["relu", "tanh", "gelu"]}}
        }
      }""";

  @Test
  void killedWorkersLoseNoTrialAndAtMostOneCheckpointIntervalPerKill(@TempDir Path artifacts) throws Exception {
    SweepSpec spec = ChaosHarness.withHeartbeatTimeout(SpecParser.parse(SPEC), 3);

    ChaosHarness.Report report = ChaosHarness.run(spec, 2, 5, artifacts, List.of());

    assertEquals(3, report.planned());
    assertEquals(3, report.completed());
    assertEquals(0, report.lost());
    assertEquals(0, report.duplicated());
    assertTrue(report.identicalLeaderboard(), "same trials, same metrics as the undisturbed run");
    assertFalse(report.kills().isEmpty(), "the sweep ended before any kill");
    for (ChaosHarness.Kill kill : report.kills()) {
      if (kill.trial() != null) {
        assertNotNull(kill.resumedFromEpoch(), "kill " + kill.number() + " on " + kill.trial() + " never resumed");
        assertTrue(kill.epochsLost() >= 0 && kill.epochsLost() <= 4, "kill " + kill + " lost too much");
      }
    }
  }

  /**
   * Acceptance: two worker processes with separate local folders and one S3 store (a real
   * s3proxy). The worker training a trial is killed; its replacement starts with an empty folder,
   * so whichever worker continues the trial can only resume from the checkpoint in the store.
   */
  @Test
  void twoWorkersWithoutASharedDiskResumeFromTheStore(@TempDir Path artifacts, @TempDir Path server) throws Exception {
    SweepSpec spec = ChaosHarness.withHeartbeatTimeout(SpecParser.parse(SPEC), 3);
    try (S3Proxy proxy = S3Proxy.start(server)) {
      proxy.createBucket("chaos");
      ChaosHarness.Workers workers = new ChaosHarness.Workers(2, "s3://chaos/runs", proxy.environment());

      ChaosHarness.Report report = ChaosHarness.run(spec, 1, 5, artifacts, List.of(), workers);

      assertEquals(3, report.completed());
      assertEquals(0, report.lost());
      assertEquals(0, report.duplicated());
      assertTrue(report.identicalLeaderboard(), "same trials, same metrics as the undisturbed run");
      assertEquals(1, report.kills().size());
      ChaosHarness.Kill kill = report.kills().get(0);
      assertNotNull(kill.trial(), "the kill hit a training worker");
      assertNotNull(kill.resumedFromEpoch(), kill.trial() + " never resumed");
      assertTrue(kill.resumedFromEpoch() > 0, "resumed from a checkpoint, not from scratch: " + kill);
      assertTrue(kill.epochsLost() >= 0 && kill.epochsLost() <= 4, "lost at most one checkpoint interval: " + kill);
    }
  }

  @Test
  void severalWorkersNeedAStore() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new ChaosHarness.Workers(2, null, java.util.Map.of()));
    assertTrue(e.getMessage().contains("add --store s3://bucket/prefix"), e.getMessage());
  }
}
