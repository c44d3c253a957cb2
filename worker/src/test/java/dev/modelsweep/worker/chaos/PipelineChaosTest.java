package dev.modelsweep.worker.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.pipeline.PipelineParser;
import dev.modelsweep.pipeline.PipelineSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline outlives its worker: the harness kills the worker process (SIGKILL) once while each
 * stage that trains is training (a sweep, a distillation from it, a fine-tune from it), another
 * worker starts each time, and the pipeline ends with exactly the outputs of an undisturbed run
 * (content keys are digests of the weights, so equal keys are equal weights), every interrupted
 * trial resumed from its checkpoint, no stage lost or repeated and no trial trained twice.
 */
class PipelineChaosTest {

  private static final int CHECKPOINT_EVERY = 4;

  private static final String TRAINING =
      "\"training\": {\"epochs\": 16, \"batchSize\": 16, \"checkpointEvery\": " + CHECKPOINT_EVERY + "}, "
          + "\"optimizer\": {\"type\": \"adam\", \"learningRate\": 0.005}";

  /** Chained, so that each kill finds its stage training: teacher, then student, then tuned. */
  private static final String PIPELINE =
      """
      {"name": "survive", "seed": 3, "stages": [
        {"id": "teacher", "operator": "sweep", "spec": {"dataset": "digits",
          "model": {"family": "mlp", "hiddenLayers": [64]}, %1$s,
          "search": {"strategy": "grid", "space": {"model.activation": {"type": "choice", "values": ["relu"]}}}}},
        {"id": "student", "operator": "distill", "teacher": "stage:teacher", "temperature": 4, "alpha": 0.7,
          "spec": {"dataset": "digits", "model": {"family": "mlp", "hiddenLayers": [16]}, %1$s}},
        {"id": "tuned", "operator": "finetune", "source": "stage:teacher", "keepLayers": 1, "dependsOn": ["student"],
          "spec": {"dataset": "digits", "model": {"family": "mlp", "hiddenLayers": [64]}, %1$s}},
        {"id": "test", "operator": "evaluate", "models": ["stage:student", "stage:tuned"]}]}
      """.formatted(TRAINING);

  @TempDir Path artifacts;

  @Test
  void killsDuringTheSweepDistillAndFinetuneStagesLoseNothingAndChangeNoOutput() throws Exception {
    PipelineSpec pipeline = PipelineChaos.withHeartbeatTimeout(PipelineParser.parse(PIPELINE), 3);

    PipelineChaos.Report report = PipelineChaos.run(pipeline, 3, 2, artifacts, List.of());

    assertEquals(4, report.stages());
    assertEquals(4, report.completed(), report.toString());
    assertEquals(0, report.lost());
    assertEquals(List.of(), report.repeated(), "no stage's work done twice");
    assertEquals(0, report.duplicatedTrials());
    assertEquals(List.of(), report.differences(), "the same models, bit for bit, and the same metrics");
    assertEquals(List.of("teacher/t000", "student/t000", "tuned/t000"),
        report.kills().stream().map(ChaosHarness.Kill::trial).toList(), "one kill in each stage that trains");
    for (ChaosHarness.Kill kill : report.kills()) {
      assertNotNull(kill.resumedFromEpoch(), kill.trial() + " never resumed");
      assertTrue(kill.epochsLost() >= 0 && kill.epochsLost() <= CHECKPOINT_EVERY, kill + " lost too much");
    }
  }
}
