package dev.modelsweep.worker.replay;

import dev.modelsweep.activities.PipelineActivitiesImpl;
import dev.modelsweep.activities.TrainingActivitiesImpl;
import dev.modelsweep.activities.data.Datasets;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.store.FolderBlobStore;
import dev.modelsweep.activity.TrainingActivities;
import dev.modelsweep.client.PipelineClient;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.client.SweepHandle;
import dev.modelsweep.pipeline.PipelineParser;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.workflow.SweepWorkflow;
import dev.modelsweep.workflow.SweepWorkflows;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Records the histories that {@link ReplayTest} replays: real runs of every workflow with the real
 * activities. Run it after an intended change to workflow code (and keep the old histories too,
 * if the change is guarded by {@code Workflow.getVersion}):
 *
 * <pre>
 * mvn -q -pl worker exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.modelsweep.worker.replay.RecordHistories \
 *     -Dexec.args=worker/src/test/resources/histories
 * </pre>
 */
public final class RecordHistories {

  /** A grid with one healthy and one diverging trial, paused and resumed on the way. */
  static final String SPEC =
      """
      {"name": "replay", "seed": 2, "dataset": {"name": "digits", "normalize": "none"},
       "model": {"family": "mlp", "depth": 2, "width": 32, "activation": "elu"},
       "training": {"epochs": 4, "batchSize": 64, "checkpointEvery": 2},
       "optimizer": {"type": "sgd"},
       "search": {"strategy": "grid", "maxConcurrent": 1, "space": {
         "optimizer.learningRate": {"type": "choice", "values": [0.0001, 10]}}}}
      """;

  /** A two-trial sweep stage whose models an evaluate stage measures side by side. */
  static final String PIPELINE =
      """
      {"name": "replay-pipeline", "seed": 4, "stages": [
        {"id": "search", "operator": "sweep", "spec": {"dataset": "iris",
          "model": {"family": "mlp", "hiddenLayers": [8]}, "training": {"epochs": 10, "batchSize": "full"},
          "optimizer": {"type": "adam", "learningRate": 0.05},
          "search": {"strategy": "grid", "space": {"model.width": {"type": "choice", "values": [4, 8]}}}}},
        {"id": "test", "operator": "evaluate", "models": ["stage:search#2"]}]}
      """;

  private RecordHistories() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "worker/src/test/resources/histories");
    Path artifacts = Files.createTempDirectory("modelsweep-replay");
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      SweepWorkflows.register(env.newWorker(SweepWorkflow.TASK_QUEUE));
      Worker training = env.newWorker(TrainingActivities.TASK_QUEUE);
      training.registerActivitiesImplementations(
          new TrainingActivitiesImpl(new ArtifactStore(artifacts)),
          new PipelineActivitiesImpl(new ArtifactStore(artifacts), new FolderBlobStore(artifacts.resolve("store")),
              Datasets.shared()));
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      SweepHandle sweep = SweepClient.of(client).start(SpecParser.parse(SPEC), "replay");
      sweep.pause();
      sweep.resume();
      sweep.result();
      PipelineClient.of(client).start(PipelineParser.parse(PIPELINE), "replay-pipeline").result();
      Files.createDirectories(out);
      for (String id : new String[] {"replay", "replay/t000", "replay/t001", "replay-pipeline"}) {
        String file = id.replace('/', '-') + ".json";
        Files.writeString(out.resolve(file), client.fetchHistory(id).toJson(true));
        System.out.println("wrote " + out.resolve(file));
      }
    }
  }
}
