package dev.modelsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline outlives its worker: the worker is shut down while a stage trains, another starts,
 * and the pipeline ends with exactly the models of an undisturbed run (content keys are digests of
 * the weights, so equal keys are equal weights).
 */
class PipelineWorkerKillTest {

  private static final String PIPELINE =
      """
      {"name": "survive", "seed": 3, "stages": [
        {"id": "base", "operator": "train", "spec": {"dataset": "digits", "model": {"family": "mlp", "width": 32},
          "training": {"epochs": 30, "batchSize": 32, "checkpointEvery": 5, "heartbeatTimeoutSeconds": 3},
          "optimizer": {"type": "sgd", "learningRate": 0.05}}},
        {"id": "test", "operator": "evaluate", "models": ["stage:base"]}]}
      """;

  @TempDir Path dir;

  @Test
  @SuppressWarnings("try") // workers run for their try's scope, never referenced
  void aPipelineWhoseWorkerDiesMidTrainingEndsWithTheModelsOfAnUndisturbedRun() throws Exception {
    PipelineSpec pipeline = PipelineParser.parse(PIPELINE);
    WorkerConfig config = WorkerConfig.newBuilder().setArtifactRoot(dir).setTrainingSlots(1).build();
    try (EmbeddedTemporal server = EmbeddedTemporal.start(0);
        SweepClient client = SweepClient.connect(ConnectionOptions.newBuilder().setTarget(server.target()).build())) {
      PipelineClient pipelines = PipelineClient.of(client.workflowClient());
      PipelineResult calm;
      try (SweepWorker worker = SweepWorker.start(client.workflowClient(), config)) {
        calm = pipelines.start(pipeline, "calm").result();
      }

      PipelineHandle disturbed = pipelines.start(pipeline, "killed");
      Path checkpoints = dir.resolve(ArtifactLayout.checkpointDir("killed/base", "t000"));
      try (SweepWorker doomed = SweepWorker.start(client.workflowClient(), config)) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!(Files.isDirectory(checkpoints) && Files.list(checkpoints).findAny().isPresent())) {
          assertTrue(System.nanoTime() < deadline, "no checkpoint within 120 s");
          Thread.sleep(20);
        }
        assertEquals(StageStatus.RUNNING, stage(disturbed.stages(), "base").status(), "killed while base trains");
      }
      PipelineResult killed;
      try (SweepWorker second = SweepWorker.start(client.workflowClient(), config)) {
        killed = disturbed.result();
      }
      assertEquals(keys(calm), keys(killed));
      assertEquals(
          stage(calm.stages(), "test").best().metrics().get("test_accuracy"),
          stage(killed.stages(), "test").best().metrics().get("test_accuracy"));
    }
  }

  private static StageState stage(List<StageState> stages, String id) {
    return stages.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  private static Map<String, List<String>> keys(PipelineResult result) {
    return result.stages().stream().collect(Collectors.toMap(
        StageState::id, s -> s.models().stream().map(ModelReference::key).toList()));
  }
}
