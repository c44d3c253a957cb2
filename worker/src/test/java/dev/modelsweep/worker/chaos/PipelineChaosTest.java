package dev.modelsweep.worker.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.activity.ArtifactLayout;
import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.client.PipelineClient;
import dev.modelsweep.client.PipelineHandle;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.model.ModelReference;
import dev.modelsweep.pipeline.PipelineParser;
import dev.modelsweep.pipeline.PipelineResult;
import dev.modelsweep.pipeline.PipelineSpec;
import dev.modelsweep.pipeline.StageState;
import dev.modelsweep.pipeline.StageStatus;
import dev.modelsweep.trial.Metrics;
import dev.modelsweep.worker.EmbeddedTemporal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline outlives its worker: the worker process is killed (SIGKILL) while a sweep stage
 * trains, another starts, and the pipeline ends with exactly the models of an undisturbed run
 * (content keys are digests of the weights, so equal keys are equal weights), the interrupted trial
 * resumed from its checkpoint and no trial trained twice.
 */
class PipelineChaosTest {

  private static final int CHECKPOINT_EVERY = 4;

  private static final String PIPELINE =
      """
      {"name": "survive", "seed": 3, "stages": [
        {"id": "search", "operator": "sweep", "spec": {"dataset": "digits",
          "model": {"family": "mlp", "hiddenLayers": [32]},
          "training": {"epochs": 16, "batchSize": 16, "checkpointEvery": %d, "heartbeatTimeoutSeconds": 3},
          "optimizer": {"type": "adam", "learningRate": 0.005},
          "search": {"strategy": "grid", "space": {"model.activation": {"type": "choice", "values": ["relu", "tanh"]}}}}},
        {"id": "test", "operator": "evaluate", "models": ["stage:search#2"]}]}
      """.formatted(CHECKPOINT_EVERY);

  @TempDir Path artifacts;

  @Test
  void aPipelineWhoseWorkerIsKilledMidTrainingEndsWithTheModelsOfAnUndisturbedRun() throws Exception {
    PipelineSpec pipeline = PipelineParser.parse(PIPELINE);
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(0);
        SweepClient client = SweepClient.connect(ConnectionOptions.newBuilder().setTarget(temporal.target()).build())) {
      PipelineClient pipelines = PipelineClient.of(client.workflowClient());
      PipelineResult calm;
      try (WorkerProcess worker = WorkerProcess.start(temporal.target(), artifacts, List.of(), line -> { })) {
        calm = pipelines.start(pipeline, "calm").result();
      }

      TrainingLog log = new TrainingLog("killed/search");
      PipelineHandle disturbed = pipelines.start(pipeline, "killed");
      Path checkpoints = artifacts.resolve(ArtifactLayout.checkpointDir("killed/search", "t000"));
      WorkerProcess worker = WorkerProcess.start(temporal.target(), artifacts, List.of(), log::accept);
      Map<String, Integer> interrupted;
      long killedAt;
      try {
        awaitCheckpoint(checkpoints);
        interrupted = log.inFlight();
        worker.kill();
        killedAt = System.nanoTime();
        worker = WorkerProcess.start(temporal.target(), artifacts, List.of(), log::accept);
        PipelineResult killed = disturbed.result();

        assertEquals(keys(calm), keys(killed), "the same models, bit for bit");
        assertEquals(metric(calm, "test"), metric(killed, "test"));
        assertTrue(killed.stages().stream().allMatch(s -> s.status() == StageStatus.COMPLETED), killed.toString());
        assertEquals(0, log.trainedTwice(), "no trial trained to the end twice");
        assertFalse(interrupted.isEmpty(), "the kill landed while a trial trained");
        for (Map.Entry<String, Integer> hit : interrupted.entrySet()) {
          TrainingLog.Start resumed = log.firstStartAfter(hit.getKey(), killedAt).orElseThrow(
              () -> new AssertionError(hit.getKey() + " never resumed"));
          int lost = hit.getValue() - (resumed.fromEpoch() - 1);
          assertTrue(lost >= 0 && lost <= CHECKPOINT_EVERY,
              hit.getKey() + " was at epoch " + hit.getValue() + " and resumed from epoch " + resumed.fromEpoch());
        }
      } finally {
        worker.close();
      }
    }
  }

  private static void awaitCheckpoint(Path folder) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (true) {
      if (Files.isDirectory(folder)) {
        try (Stream<Path> files = Files.list(folder)) {
          if (files.anyMatch(f -> f.getFileName().toString().endsWith(".ckpt"))) {
            return;
          }
        }
      }
      assertTrue(System.nanoTime() < deadline, "no checkpoint in " + folder + " within 120 s");
      Thread.sleep(20);
    }
  }

  private static Map<String, List<String>> keys(PipelineResult result) {
    return result.stages().stream().collect(Collectors.toMap(
        StageState::id, s -> s.models().stream().map(ModelReference::key).toList()));
  }

  private static List<Double> metric(PipelineResult result, String stage) {
    return result.stages().stream().filter(s -> s.id().equals(stage)).findFirst().orElseThrow()
        .models().stream().map(m -> m.metric(Metrics.TEST_ACCURACY)).toList();
  }
}
