package dev.modelsweep.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.spec.Metrics;
import dev.modelsweep.trial.TrialResult;
import dev.modelsweep.worker.EmbeddedTemporal;
import dev.modelsweep.worker.SweepWorker;
import dev.modelsweep.worker.WorkerConfig;
import dev.modelsweep.workflow.SweepResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSweepFromCodeTest {

  @TempDir Path artifacts;

  @Test
  void irisGridSampleFindsAGoodModel() throws Exception {
    try (EmbeddedTemporal server = EmbeddedTemporal.start(0)) {
      ConnectionOptions connection = ConnectionOptions.newBuilder().setTarget(server.target()).build();
      try (SweepClient client = SweepClient.connect(connection);
          SweepWorker worker = SweepWorker.start(client.workflowClient(),
              WorkerConfig.newBuilder().setArtifactRoot(artifacts).setTrainingSlots(1).build())) {
        SweepResult result = RunSweepFromCode.run(connection, Path.of("sweeps/iris-grid.json"));
        assertEquals(8, result.trials().size());
        assertTrue(result.trials().stream().allMatch(t -> t.status() == TrialResult.Status.COMPLETED));
        assertTrue(result.best().metric(Metrics.VAL_ACCURACY) >= 0.9, result.best().toString());
      }
    }
  }
}
