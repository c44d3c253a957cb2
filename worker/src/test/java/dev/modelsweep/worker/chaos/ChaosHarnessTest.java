package dev.modelsweep.worker.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
