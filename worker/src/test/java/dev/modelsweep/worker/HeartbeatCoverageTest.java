package dev.modelsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.activities.TrainingActivitiesImpl;
import dev.modelsweep.activities.data.DataRoots;
import dev.modelsweep.activities.data.Datasets;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.store.BlobStore;
import dev.modelsweep.activities.store.FolderBlobStore;
import dev.modelsweep.activities.store.ForwardingBlobStore;
import dev.modelsweep.activityapi.TrainingActivities;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.search.Observation;
import dev.modelsweep.activities.Limits;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.DatasetSummary;
import dev.modelsweep.trial.EvaluateRequest;
import dev.modelsweep.trial.Evaluation;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrainResult;
import dev.modelsweep.trial.TrialResult;
import dev.modelsweep.workflow.SweepResult;
import dev.modelsweep.workflow.SweepSearchAttributes;
import dev.modelsweep.workflow.SweepWorkflow;
import dev.modelsweep.workflow.WorkflowRegistration;
import io.temporal.activity.Activity;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heartbeats cover the long steps between progress reports, against a heartbeat timeout of 3 s:
 * checkpoint and model writes that take 3.5 s each (a slow store), and loading a data set that
 * takes longer than the timeout (a large compressed CSV that a fresh worker reads before its first
 * epoch). Without heartbeats during those steps, each train attempt would time out and be retried.
 */
class HeartbeatCoverageTest {

  private static final long SLOW_MILLIS = 3_500;

  @TempDir Path artifacts;

  @Test
  void slowCheckpointWritesCauseNoRetry() throws Exception {
    BlobStore slow = new SlowStore(new FolderBlobStore(artifacts.resolve("shared")));
    TrainingActivities real = new TrainingActivitiesImpl(new ArtifactStore(artifacts.resolve("cache"), slow),
        new FolderBlobStore(artifacts.resolve("models")), DataRoots.workingDirectory(), Limits.NONE, Long.MAX_VALUE);
    trainsOnceWithoutRetry(real, () -> { }, """
        {"name": "slow", "seed": 1, "dataset": "iris", "model": {"family": "mlp", "hiddenLayers": [8]},
         "training": {"epochs": 2, "batchSize": 16, "checkpointEvery": 1, "heartbeatTimeoutSeconds": 3},
         "search": {"strategy": "grid", "space": {"optimizer.learningRate": {"type": "choice", "values": [0.01]}}}}""");
  }

  @Test
  void loadingADataSetLongerThanTheHeartbeatTimeoutCausesNoRetry() throws Exception {
    Path data = Files.createDirectories(artifacts.resolve("data"));
    Path csv = data.resolve("large.csv.gz");
    Datasets datasets = new Datasets(1, DataRoots.of(List.of(data)));
    String spec = """
        {"name": "large", "seed": 1, "dataset": {"path": "%s", "limit": 400},
         "model": {"family": "mlp", "hiddenLayers": [8]},
         "training": {"epochs": 2, "batchSize": 32, "heartbeatTimeoutSeconds": 3},
         "search": {"strategy": "grid", "space": {"optimizer.learningRate": {"type": "choice", "values": [0.01]}}}}"""
        .formatted(csv);
    // The file grows until a warm load (the loader compiled, as in the train call) outlasts the
    // timeout with room to spare, so a fast machine runs this test too rather than skipping it.
    int rows = INITIAL_ROWS;
    double loadSeconds = 0;
    for (int round = 0; round < 4 && loadSeconds < LOAD_SECONDS; round++) {
      writeLargeCsv(csv, rows);
      timeLoad(datasets, spec);
      loadSeconds = timeLoad(datasets, spec);
      System.out.printf("%,d rows load in %.1f s against a heartbeat timeout of 3 s%n", rows, loadSeconds);
      rows = (int) Math.min(Integer.MAX_VALUE / 2, Math.ceil(rows * LOAD_SECONDS * 1.2 / Math.max(loadSeconds, 0.1)));
    }
    assertTrue(loadSeconds >= LOAD_SECONDS, "the data set loads in " + loadSeconds + " s, under " + LOAD_SECONDS);
    // Each train call starts as on a fresh worker, with nothing cached: it loads the data again.
    trainsOnceWithoutRetry(new TrainingActivitiesImpl(new ArtifactStore(artifacts.resolve("runs")), datasets, Limits.NONE),
        datasets::clear, spec);
  }

  /** Seconds a load should take at least: half as long again as the 3 s heartbeat timeout. */
  private static final double LOAD_SECONDS = 4.5;

  /** Rows of the first try, which loaded warm in 3.3-5.7 s on a 2-core VM. */
  private static final int INITIAL_ROWS = 1_500_000;

  private static double timeLoad(Datasets datasets, String spec) throws IOException {
    datasets.clear();
    long started = System.nanoTime();
    datasets.load(SpecParser.parse(spec).dataset(), 1);
    return (System.nanoTime() - started) / 1e9;
  }

  /** {@code rows} rows of 16 features in 4 classes, repeated, so the file stays small. */
  private static void writeLargeCsv(Path file, int rows) throws IOException {
    try (Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file), 1 << 16),
        StandardCharsets.US_ASCII)) {
      StringBuilder row = new StringBuilder();
      for (int i = 0; i < rows; i++) {
        row.setLength(0);
        int label = i % 4;
        for (int f = 0; f < 16; f++) {
          row.append(label * 3 + (f * 7 + i % 5) % 10).append(',');
        }
        out.write(row.append(label).append('\n').toString());
      }
    }
  }

  /** Runs a one-trial sweep of {@code spec}, calling {@code beforeTrain} before each train call. */
  private void trainsOnceWithoutRetry(TrainingActivities real, Runnable beforeTrain, String spec) throws Exception {
    List<Integer> trainAttempts = new CopyOnWriteArrayList<>();
    TestWorkflowEnvironment temporal = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setUseTimeskipping(false)
        .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(SweepWorker.dataConverter()).build())
        .build());
    SweepSearchAttributes.definitions().forEach(temporal::registerSearchAttribute);
    try {
      Worker workflows = temporal.newWorker(SweepWorkflow.TASK_QUEUE);
      WorkflowRegistration.register(workflows);
      temporal.newWorker(TrainingActivities.TASK_QUEUE).registerActivitiesImplementations(
          new CountingAttempts(real, beforeTrain, trainAttempts));
      temporal.start();
      SweepResult result = SweepClient.of(temporal.getWorkflowClient()).start(SpecParser.parse(spec), "sweep-1").result();

      assertEquals(1, result.trials().size());
      assertEquals(TrialResult.Status.COMPLETED, result.trials().get(0).status(), result.trials().get(0).toString());
      assertEquals(List.of(1), trainAttempts, "one train call, first attempt: no heartbeat timeout, no retry");
      assertTrue(result.trials().get(0).metrics().get("epochs") == 2.0, result.trials().get(0).toString());
    } finally {
      temporal.close();
    }
  }

  /** A store whose checkpoint and model writes take {@value #SLOW_MILLIS} ms, as a slow network store would. */
  private static final class SlowStore extends ForwardingBlobStore {
    SlowStore(BlobStore store) {
      super(store);
    }

    @Override
    public Blob put(String key, byte[] bytes) throws IOException {
      if (key.endsWith(".ckpt") || key.endsWith("model.params")) {
        try {
          Thread.sleep(SLOW_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
      return super.put(key, bytes);
    }
  }

  /** The real activities, recording the attempt number of every train call. */
  private record CountingAttempts(TrainingActivities real, Runnable beforeTrain, List<Integer> trainAttempts)
      implements TrainingActivities {
    @Override
    public DatasetSummary describeDataset(SweepSpec spec) {
      return real.describeDataset(spec);
    }

    @Override
    public TrainResult train(TrainRequest request) {
      trainAttempts.add(Activity.getExecutionContext().getInfo().getAttempt());
      beforeTrain.run();
      return real.train(request);
    }

    @Override
    public Evaluation evaluate(EvaluateRequest request) {
      return real.evaluate(request);
    }

    @Override
    public List<Observation> warmStart(SweepSpec spec) {
      return real.warmStart(spec);
    }

    @Override
    public String saveResults(String sweepId, String specJson, List<TrialResult> leaderboard) {
      return real.saveResults(sweepId, specJson, leaderboard);
    }
  }
}
