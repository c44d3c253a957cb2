package dev.modelsweep.worker.replay;

import dev.modelsweep.activities.PipelineActivitiesImpl;
import dev.modelsweep.activities.RegistryActivitiesImpl;
import dev.modelsweep.activities.TrainingActivitiesImpl;
import dev.modelsweep.activities.data.Datasets;
import dev.modelsweep.activities.registry.ModelRegistry;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.store.FolderBlobStore;
import dev.modelsweep.activityapi.TrainingActivities;
import dev.modelsweep.client.PipelineClient;
import dev.modelsweep.client.PipelineHandle;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.client.SweepHandle;
import dev.modelsweep.pipeline.PipelineParser;
import dev.modelsweep.pipeline.StageStatus;
import dev.modelsweep.search.Sampler;
import dev.modelsweep.search.Samplers;
import dev.modelsweep.spec.Metrics;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.trial.TrialResult;
import dev.modelsweep.workflow.SweepResult;
import dev.modelsweep.workflow.SweepSearchAttributes;
import dev.modelsweep.workflow.SweepWorkflow;
import dev.modelsweep.workflow.WorkflowRegistration;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records the histories that {@link ReplayTest} replays: real runs of every workflow with the real
 * activities: a grid paused and resumed with a diverged trial, each early-stopping type with a
 * stopped trial, a sweep ended by the stop signal, one paused, resumed and stopped by Updates
 * while it upserts its search attributes ({@code replay-steered}), one that held a trial ({@link
 * #HELD}), and one whose continued trials sum their train calls' seconds ({@link #CONTINUED}).
 * Continue-as-new needs thousands of events, so {@code LongSweepTest} replays every run of its
 * 1,000-trial sweep instead. Run it after an intended change to workflow code (and keep the old
 * histories too, if the change is guarded by {@code Workflow.getVersion}):
 *
 * <pre>
 * mvn -q -pl worker exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.modelsweep.worker.replay.RecordHistories \
 *     -Dexec.args=worker/src/test/resources/histories
 * </pre>
 *
 * <p>A second argument, {@code sweeps}, {@code pipeline}, {@code gate} ({@link #GATE_PIPELINE}),
 * {@code held} ({@link #HELD}) or {@code continued} ({@link #CONTINUED}), records only those, so
 * that a change guarded for one workflow leaves the others' histories as they were recorded.
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

  /**
   * A gate that waits (the candidate breaks maxParams), is approved by the Update, and the promote
   * after it. Recorded alone with the argument {@code gate}, so the older histories stay as the
   * older code wrote them.
   */
  static final String GATE_PIPELINE =
      """
      {"name": "replay-gate", "seed": 4, "stages": [
        {"id": "train", "operator": "train", "spec": {"dataset": "iris",
          "model": {"family": "mlp", "hiddenLayers": [8]}, "training": {"epochs": 10, "batchSize": "full"},
          "optimizer": {"type": "adam", "learningRate": 0.05}}},
        {"id": "gate", "operator": "gate", "models": ["stage:train"], "target": "iris@production", "maxParams": 1},
        {"id": "promote", "operator": "promote", "models": ["stage:gate"], "target": "iris@production"}]}
      """;

  /**
   * Id of an asha sweep on two slots whose trial 0 trains far slower than trial 1 (batch 8 against
   * 256), so trial 1 reaches its first rung first and is held until trial 0 has been judged there
   * (getVersion {@code judged-in-trial-order}). Recorded alone with the argument {@code held}, so
   * the other sweeps' histories stay as the code before it wrote them.
   */
  static final String HELD = "replay-asha-held";

  /** {@link #HELD}'s spec, with the first seed whose trials 0 and 1 draw batch 8 and 256. */
  static String heldSpec() {
    String template = ashaSpec(HELD).replace("\"space\": {",
        "\"space\": {\"training.batchSize\": {\"type\": \"choice\", \"values\": [8, 256]},");
    for (int seed = 1; ; seed++) {
      String spec = template.replace("\"seed\": 4", "\"seed\": " + seed);
      Sampler sampler = Samplers.create(SpecParser.parse(spec));
      if (sampler.propose(0, List.of()).orElseThrow().get("training.batchSize").equals(8)
          && sampler.propose(1, List.of()).orElseThrow().get("training.batchSize").equals(256)) {
        return spec;
      }
    }
  }

  /**
   * Id of an asha sweep recorded once a trial's {@code train_seconds} summed every train call
   * (getVersion {@code train-seconds-every-call}). Recorded alone with the argument {@code
   * continued}, with its first trial that was continued past a rung.
   */
  static final String CONTINUED = "replay-asha-continued";

  /** {@link #EARLY_STOPPING} with asha, named and recorded as {@code id}. */
  private static String ashaSpec(String id) {
    return EARLY_STOPPING.formatted("asha", "").replace("replay-asha", id);
  }

  private RecordHistories() {}

  /** Records {@link #GATE_PIPELINE}: started, approved once its gate waits, run to its end. */
  static void recordGate(Path out) throws IOException, InterruptedException {
    Path artifacts = Files.createTempDirectory("modelsweep-replay");
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      WorkflowRegistration.register(env.newWorker(SweepWorkflow.TASK_QUEUE));
      Worker training = env.newWorker(TrainingActivities.TASK_QUEUE);
      FolderBlobStore store = new FolderBlobStore(artifacts.resolve("store"));
      training.registerActivitiesImplementations(
          new TrainingActivitiesImpl(new ArtifactStore(artifacts)),
          new PipelineActivitiesImpl(new ArtifactStore(artifacts), store, Datasets.shared()),
          new RegistryActivitiesImpl(new ModelRegistry(new FolderBlobStore(artifacts.resolve("registry"))), store,
              Datasets.shared()));
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      PipelineHandle pipeline = PipelineClient.of(client).start(PipelineParser.parse(GATE_PIPELINE), "replay-gate");
      while (pipeline.stages(java.time.Duration.ofSeconds(10)).orElse(List.of()).stream()
          .noneMatch(s -> s.status() == StageStatus.WAITING)) {
        Thread.sleep(50);
      }
      pipeline.approve("gate");
      pipeline.result();
      Files.writeString(out.resolve("replay-gate.json"), client.fetchHistory("replay-gate").toJson(true));
      System.out.println("wrote " + out.resolve("replay-gate.json"));
    }
  }

  /**
   * Id of the recorded pipeline. {@code replay-pipeline} is the same document recorded before its
   * validation moved to a local activity; it is kept to replay that shape.
   */
  static final String PIPELINE_ID = "replay-pipeline-local-validation";

  public static void main(String[] args) throws IOException, InterruptedException {
    Path out = Path.of(args.length > 0 ? args[0] : "worker/src/test/resources/histories");
    if (args.length > 1 && args[1].equals("gate")) {
      recordGate(out);
      return;
    }
    boolean sweeps = args.length < 2 || args[1].equals("sweeps");
    boolean pipeline = args.length < 2 || args[1].equals("pipeline");
    boolean held = args.length < 2 || args[1].equals("held");
    boolean continued = args.length < 2 || args[1].equals("continued");
    Path artifacts = Files.createTempDirectory("modelsweep-replay");
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      SweepSearchAttributes.definitions().forEach(env::registerSearchAttribute);
      WorkflowRegistration.register(env.newWorker(SweepWorkflow.TASK_QUEUE));
      Worker training = env.newWorker(TrainingActivities.TASK_QUEUE);
      training.registerActivitiesImplementations(
          new TrainingActivitiesImpl(new ArtifactStore(artifacts)),
          new PipelineActivitiesImpl(new ArtifactStore(artifacts), new FolderBlobStore(artifacts.resolve("store")),
              Datasets.shared()));
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      Files.createDirectories(out);
      List<String> ids = new ArrayList<>();
      if (sweeps) {
        recordSweeps(client, ids);
      }
      if (pipeline) {
        PipelineClient.of(client).start(PipelineParser.parse(PIPELINE), PIPELINE_ID).result();
        ids.add(PIPELINE_ID);
      }
      if (held) {
        SweepClient.of(client).start(SpecParser.parse(heldSpec()), HELD).result();
        ids.addAll(List.of(HELD, HELD + "/t001")); // trial 1 is the one held
      }
      if (continued) {
        SweepResult result = SweepClient.of(client)
            .start(SpecParser.parse(ashaSpec(CONTINUED)), CONTINUED).result();
        ids.add(CONTINUED);
        result.trials().stream().filter(t -> t.metric(Metrics.EPOCHS) > 1).findFirst()
            .ifPresent(t -> ids.add(CONTINUED + "/" + t.id()));
      }
      for (String id : ids) {
        String file = id.replace('/', '-') + ".json";
        Files.writeString(out.resolve(file), client.fetchHistory(id).toJson(true));
        System.out.println("wrote " + out.resolve(file));
      }
    }
  }

  private static void recordSweeps(WorkflowClient client, List<String> ids) throws InterruptedException {
    SweepHandle sweep = SweepClient.of(client).start(SpecParser.parse(SPEC), "replay");
    // The signals, as callers from before the Updates send them.
    client.newWorkflowStub(SweepWorkflow.class, "replay").pause();
    client.newWorkflowStub(SweepWorkflow.class, "replay").resume();
    sweep.result();
    ids.addAll(List.of("replay", "replay/t000", "replay/t001"));
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
  }
}
