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
import dev.modelsweep.trial.TrialResult;
import dev.modelsweep.workflow.SweepResult;
import dev.modelsweep.workflow.SweepSearchAttributes;
import dev.modelsweep.workflow.SweepWorkflow;
import dev.modelsweep.workflow.SweepWorkflows;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records the histories that {@link ReplayTest} replays: real runs of every workflow with the real
 * activities: a grid paused and resumed with a diverged trial, each early-stopping type with a
 * stopped trial, a sweep ended by the stop signal, and one paused, resumed and stopped by Updates while
 * it upserts its search attributes ({@code replay-steered}). Continue-as-new needs thousands of events,
 * so {@code LongSweepTest} replays every run of its 1,000-trial sweep instead. Run it after an intended change to workflow code (and keep the old histories too,
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

  /** Early stopping of each type, on a small random search with two slots. */
  static final String EARLY_STOPPING =
      """
      {"name": "replay-%1$s", "seed": 4, "dataset": {"name": "digits", "limit": 600},
       "model": {"family": "mlp", "depth": 1, "width": 16},
       "training": {"epochs": 9, "batchSize": 64},
       "optimizer": {"type": "adam"},
       "search": {"strategy": "random", "trials": 8, "maxConcurrent": 2,
         "earlyStopping": {"type": "%1$s"%2$s}, "space": {
         "optimizer.learningRate": {"type": "float", "min": 0.00001, "max": 0.05, "log": true}}}}
      """;

  /** Sweeps recorded besides {@code replay}: each early-stopping type, and one stopped by signal. */
  static final Map<String, String> SWEEPS = new LinkedHashMap<>();

  static {
    SWEEPS.put("replay-asha", EARLY_STOPPING.formatted("asha", ""));
    SWEEPS.put("replay-hyperband", EARLY_STOPPING.formatted("hyperband", ""));
    SWEEPS.put("replay-median", EARLY_STOPPING.formatted("median", ", \"minTrials\": 2"));
    SWEEPS.put("replay-stop", EARLY_STOPPING.formatted("asha", "").replace("\"trials\": 8", "\"trials\": 50"));
    SWEEPS.put("replay-steered", EARLY_STOPPING.formatted("asha", "").replace("\"trials\": 8", "\"trials\": 50"));
  }

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

  public static void main(String[] args) throws IOException, InterruptedException {
    Path out = Path.of(args.length > 0 ? args[0] : "worker/src/test/resources/histories");
    Path artifacts = Files.createTempDirectory("modelsweep-replay");
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      SweepSearchAttributes.definitions().forEach(env::registerSearchAttribute);
      SweepWorkflows.register(env.newWorker(SweepWorkflow.TASK_QUEUE));
      Worker training = env.newWorker(TrainingActivities.TASK_QUEUE);
      training.registerActivitiesImplementations(
          new TrainingActivitiesImpl(new ArtifactStore(artifacts)),
          new PipelineActivitiesImpl(new ArtifactStore(artifacts), new FolderBlobStore(artifacts.resolve("store")),
              Datasets.shared()));
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      SweepHandle sweep = SweepClient.of(client).start(SpecParser.parse(SPEC), "replay");
      // The signals, as callers from before the Updates send them.
      client.newWorkflowStub(SweepWorkflow.class, "replay").pause();
      client.newWorkflowStub(SweepWorkflow.class, "replay").resume();
      sweep.result();

      Files.createDirectories(out);
      List<String> ids = new ArrayList<>(List.of("replay", "replay/t000", "replay/t001"));
      for (Map.Entry<String, String> other : SWEEPS.entrySet()) {
        SweepHandle handle = SweepClient.of(client).start(SpecParser.parse(other.getValue()), other.getKey());
        if (other.getKey().equals("replay-steered")) {
          // Steered by Updates, with the search attributes upserted on the way.
          handle.pause();
          handle.resume();
          while (handle.progress().completed() < 3) {
            Thread.sleep(50);
          }
          handle.stop();
        }
        if (other.getKey().equals("replay-stop")) {
          while (handle.progress().completed() < 3) {
            Thread.sleep(50);
          }
          client.newWorkflowStub(SweepWorkflow.class, handle.id()).stop();
        }
        SweepResult result = handle.result();
        ids.add(other.getKey());
        result.trials().stream().filter(t -> t.status() == TrialResult.Status.STOPPED).findFirst()
            .ifPresent(t -> ids.add(other.getKey() + "/" + t.id()));
      }
      PipelineClient.of(client).start(PipelineParser.parse(PIPELINE), "replay-pipeline").result();
      ids.add("replay-pipeline");
      for (String id : ids) {
        String file = id.replace('/', '-') + ".json";
        Files.writeString(out.resolve(file), client.fetchHistory(id).toJson(true));
        System.out.println("wrote " + out.resolve(file));
      }
    }
  }
}
