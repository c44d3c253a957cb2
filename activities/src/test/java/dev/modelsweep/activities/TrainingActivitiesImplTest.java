package dev.modelsweep.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelsweep.activities.data.DataRoots;
import dev.modelsweep.activities.device.DeviceLeases;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.store.FolderBlobStore;
import dev.modelsweep.activities.store.Json;
import dev.modelsweep.activityapi.ArtifactLayout;
import dev.modelsweep.activityapi.FailureTypes;
import dev.modelsweep.activityapi.TrainingActivities;
import dev.modelsweep.spec.DatasetSpec;
import dev.modelsweep.activities.Limits;
import dev.modelsweep.spec.OptimizerSpec;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.DatasetSummary;
import dev.modelsweep.trial.EvaluateRequest;
import dev.modelsweep.trial.Evaluation;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrainResult;
import dev.modelsweep.trial.TrialConfig;
import dev.modelsweep.trial.TrialResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.RetryOptions;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestEnvironmentOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The activity through Temporal's activity test environment: failures, heartbeats, files. */
class TrainingActivitiesImplTest {

  @TempDir Path root;

  private TestActivityEnvironment env;
  private TrainingActivities activities;
  private final List<TrainingHeartbeat> heartbeats = new ArrayList<>();

  /**
   * Temporal's default JSON converter, but lenient about unknown properties. Workaround, to be
   * removed: the contract records serialise their {@code isX()} helpers as properties ({@code
   * DatasetSummary.isImage()} as {@code "image"}, and {@code DatasetSpec.isBuiltin()} in the
   * installed workflows jar) which the default converter then refuses to read back.
   */
  private static TestEnvironmentOptions lenientJson() {
    ObjectMapper mapper = JacksonJsonPayloadConverter.newDefaultObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    return TestEnvironmentOptions.newBuilder()
        .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
            .setDataConverter(DefaultDataConverter.newDefaultInstance()
                .withPayloadConverterOverrides(new JacksonJsonPayloadConverter(mapper)))
            .build())
        .build();
  }

  @BeforeEach
  void setUp() {
    activities = stub(new TrainingActivitiesImpl(new ArtifactStore(root)));
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  /** A stub of {@code impl} with no retries, on a fresh environment: one implementation per environment. */
  private TrainingActivities stub(TrainingActivitiesImpl impl) {
    if (env != null) {
      env.close();
    }
    env = TestActivityEnvironment.newInstance(lenientJson());
    // Training's own heartbeats only: the other steps tick with empty ones to show they are alive.
    env.setActivityHeartbeatListener(TrainingHeartbeat.class, h -> {
      if (h != null) {
        heartbeats.add(h);
      }
    });
    env.registerActivitiesImplementations(impl);
    return env.newActivityStub(TrainingActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build());
  }

  /**
   * A valid spec around {@code dataset} (JSON); {@code extra} (JSON fields, or null) may replace
   * the default model.
   */
  private static SweepSpec sweep(String dataset, String extra) {
    boolean model = extra != null && extra.contains("\"model\"");
    return SpecParser.parse("{\"name\": \"s\", \"dataset\": " + dataset
        + (model ? "" : ", \"model\": {\"family\": \"mlp\", \"hiddenLayers\": [16]}")
        + (extra == null ? "" : ", " + extra) + "}");
  }

  @Test
  void describesTrainsAndEvaluates() {
    DatasetSummary summary = activities.describeDataset(sweep("\"digits\"", "\"seed\": 7"));
    assertEquals(new DatasetSummary("digits", 1797, 64, 10, List.of(1, 8, 8), 1259, 269, 269), summary);

    TrialConfig trial = Trials.digits("t000", Trials.mlp(List.of(16), 0, false), Trials.training(3, 32, 2),
        Trials.optimizer(OptimizerSpec.Type.ADAM, 0.01));
    TrainResult trained = activities.train(TrainRequest.full(trial));
    assertEquals(3, trained.epochsCompleted());
    // The SDK throttles heartbeats, so only the first is sure to arrive within a short test.
    TrainingHeartbeat first = heartbeats.get(0);
    assertEquals(new TrainingHeartbeat(1, 40, 40, trained.history().get(0), null), first,
        "epoch 1 of 40 steps (1259 rows / 32), no checkpoint yet with checkpointEvery 2");

    Evaluation e = activities.evaluate(new EvaluateRequest(trial, trained.model()));
    assertTrue(e.testAccuracy() > 0.8, e.toString());
  }

  @Test
  void aTrialOverMaxMemoryIsRefusedNonRetryable() {
    TrainingActivities small = stub(new TrainingActivitiesImpl(new ArtifactStore(root),
        new FolderBlobStore(root.resolve(FolderBlobStore.DEFAULT_FOLDER)), DataRoots.workingDirectory(), Limits.NONE, 1024));
    TrialConfig trial = Trials.digits("t000", Trials.mlp(List.of(16), 0, false), Trials.training(1, 32, 1),
        Trials.optimizer(OptimizerSpec.Type.ADAM, 0.01));
    ApplicationFailure failure = failure(() -> small.train(TrainRequest.full(trial)));
    assertEquals(FailureTypes.OUT_OF_MEMORY, failure.getType());
    assertTrue(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().contains("over this worker's --max-memory of 1.0 KiB"),
        failure.getOriginalMessage());
    assertTrue(heartbeats.isEmpty(), "refused before the first epoch");
  }

  @Test
  void divergedIsNonRetryableAndNamesTheEpoch() {
    TrialConfig trial = Trials.digits("boom", Trials.mlp(List.of(16), 0, false), Trials.training(3, 32, 1),
        Trials.optimizer(OptimizerSpec.Type.SGD, 1e6));
    ApplicationFailure failure = failure(() -> activities.train(TrainRequest.full(trial)));
    assertEquals(FailureTypes.DIVERGED, failure.getType());
    assertTrue(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().contains("at epoch 1"), failure.getOriginalMessage());
  }

  @Test
  void invalidSpecIsNonRetryableAndNamesTheField() {
    SweepSpec nope = new SweepSpec("s", null, DatasetSpec.builtin("nope"), Trials.mlp(List.of(8), 0, false),
        null, null, null, null, null, null);
    ApplicationFailure failure = failure(() -> activities.describeDataset(nope));
    assertEquals(FailureTypes.INVALID_SPEC, failure.getType());
    assertTrue(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().startsWith("dataset.name: no built-in data set named 'nope'"));

    TrialConfig cnnOnFlat = Trials.trial("cnn", DatasetSpec.builtin("iris"), Trials.cnn(2, 4, List.of(8)),
        Trials.training(1, 32, 1), Trials.optimizer(OptimizerSpec.Type.ADAM, null));
    ApplicationFailure cnn = failure(() -> activities.train(TrainRequest.full(cnnOnFlat)));
    assertEquals(FailureTypes.INVALID_SPEC, cnn.getType());
    assertEquals("model.family: cnn needs image-shaped data; set dataset.shape [c,h,w] or use mlp", cnn.getOriginalMessage());
  }

  @Test
  void dataFilesOutsideTheRootsAreRefusedBeforeLoading() throws Exception {
    Path data = Files.createDirectories(root.resolve("data"));
    Files.writeString(data.resolve("in.csv"), "1,a\n2,b\n3,a\n4,b\n5,a\n6,b\n7,a\n8,b\n9,a\n10,b\n11,a\n12,b\n");
    TrainingActivities confined = stub(new TrainingActivitiesImpl(new ArtifactStore(root), DataRoots.of(List.of(data)),
        Limits.NONE));
    assertEquals(12, confined.describeDataset(sweep("{\"path\": \"in.csv\"}", null)).rows());

    ApplicationFailure outside = failure(() -> confined.describeDataset(sweep("{\"path\": \"/etc/passwd\"}", null)));
    assertEquals(FailureTypes.INVALID_SPEC, outside.getType());
    assertTrue(outside.isNonRetryable());
    assertEquals("dataset.path: /etc/passwd is outside the data roots [" + data + "]; move the file under a root"
        + " or start the worker with --data-root DIR", outside.getOriginalMessage());
  }

  @Test
  void sweepsOverTheWorkersLimitsAreRefused() {
    Limits limits = Limits.NONE.withMaxWidth(16).withMaxEpochs(5).withMaxRows(100);
    TrainingActivities limited = stub(new TrainingActivitiesImpl(new ArtifactStore(root), DataRoots.workingDirectory(),
        limits));
    SweepSpec wide = SpecParser.parse(
        """
        {"name": "wide", "dataset": "iris", "model": {"family": "mlp", "width": 8},
         "training": {"epochs": 5},
         "search": {"space": {"model.width": {"type": "int", "min": 4, "max": 64}}}}
        """);
    ApplicationFailure over = failure(() -> limited.describeDataset(wide));
    assertEquals(FailureTypes.INVALID_SPEC, over.getType());
    assertTrue(over.isNonRetryable());
    assertEquals("$.search.space['model.width']: reaches 64 units, over this worker's limit of 16 (--max-width);"
        + " lower the range", over.getOriginalMessage());

    ApplicationFailure rows = failure(() -> limited.describeDataset(sweep("\"iris\"", "\"training\": {\"epochs\": 5}, \"model\": {\"family\": \"mlp\", \"width\": 8}")));
    assertEquals("dataset: 150 rows, over this worker's limit of 100 (--max-rows); set dataset.limit to at most 100",
        rows.getOriginalMessage());
    DatasetSummary sampled = limited.describeDataset(SpecParser.parse(
        """
        {"name": "few", "dataset": {"name": "iris", "limit": 90}, "model": {"family": "mlp", "width": 8},
         "training": {"epochs": 5}}
        """));
    assertEquals(90, sampled.rows(), "dataset.limit brings a data set within --max-rows");
  }

  @Test
  void savesResults() throws Exception {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("val_accuracy", 0.9);
    metrics.put("params", 2410.0);
    List<TrialResult> board = List.of(
        new TrialResult("t001", 1, Map.of("optimizer.learningRate", 0.01), TrialResult.Status.COMPLETED, metrics, null,
            "sweep-9/trials/t001"),
        new TrialResult("t000", 0, Map.of("optimizer.learningRate", 10.0), TrialResult.Status.FAILED, Map.of(),
            "Diverged: loss is NaN at epoch 1", "sweep-9/trials/t000"));
    String folder = activities.saveResults("sweep-9", "{\"name\":\"s\",\"dataset\":\"digits\"}", board);

    assertEquals(root.resolve("sweep-9").toAbsolutePath().toString(), folder);
    JsonNode spec = Json.mapper().readTree(Files.readString(root.resolve("sweep-9/spec.json")));
    assertEquals("digits", spec.get("dataset").asText());
    JsonNode ranked = Json.mapper().readTree(Files.readString(root.resolve("sweep-9/leaderboard.json")));
    assertEquals(List.of("t001", "t000"), List.of(ranked.get(0).get("id").asText(), ranked.get(1).get("id").asText()));
    TrialResult t0 = Json.mapper().readValue(root.resolve("sweep-9/trials/t000/trial.json").toFile(), TrialResult.class);
    assertEquals(board.get(1), t0);
  }

  /** A full GPU: libtorch's CUDA allocator fails; a retry would fail the same way on the same GPU. */
  @Test
  void cudaOutOfMemoryFailsTheTrialNonRetryableWithTheFix() {
    ApplicationFailure f = assertThrows(ApplicationFailure.class, () -> TrainingActivitiesImpl.run(() -> {
      throw new ai.djl.engine.EngineException("CUDA out of memory. Tried to allocate 2.00 GiB (GPU 1; 15.78 GiB total"
          + " capacity; 13.20 GiB already allocated)\nException raised from malloc at CUDACachingAllocator.cpp");
    }));
    assertEquals(FailureTypes.OUT_OF_MEMORY, f.getType());
    assertTrue(f.isNonRetryable(), "not retried 20 times");
    assertEquals("ran out of GPU memory (CUDA out of memory. Tried to allocate 2.00 GiB (GPU 1; 15.78 GiB total capacity;"
        + " 13.20 GiB already allocated)); lower training.batchSize or the model size", f.getOriginalMessage());
    ai.djl.engine.EngineException other = assertThrows(ai.djl.engine.EngineException.class,
        () -> TrainingActivitiesImpl.run(() -> {
          throw new ai.djl.engine.EngineException("CUDA error: an illegal memory access was encountered");
        }), "other engine errors stay retryable");
    assertTrue(other.getMessage().startsWith("CUDA error"));
  }

  @Test
  void aTrialTrainsOnItsLeasedDeviceWhichItsFolderNames() throws Exception {
    TrainingActivities leased = stub(new TrainingActivitiesImpl(new ArtifactStore(root),
        new FolderBlobStore(root.resolve(FolderBlobStore.DEFAULT_FOLDER)), DataRoots.workingDirectory(), Limits.NONE,
        Long.MAX_VALUE, DeviceLeases.cpu(1)));
    TrialConfig trial = Trials.digits("t000", Trials.mlp(List.of(8), 0, false), Trials.training(1, 64, 1),
        Trials.optimizer(OptimizerSpec.Type.SGD, 0.1));
    TrainResult trained = leased.train(TrainRequest.full(trial));
    assertEquals("cpu()", trained.device(), "the result names the device too");
    assertTrue(leased.evaluate(new EvaluateRequest(trial, trained.model())).testAccuracy() > 0.3);
    assertEquals("cpu()", java.nio.file.Files.readString(
        root.resolve(ArtifactLayout.trialDir("sweep-1", "t000")).resolve("device.txt")).strip());
  }

  private static ApplicationFailure failure(Runnable call) {
    ActivityFailure outer = assertThrows(ActivityFailure.class, call::run);
    ApplicationFailure app = assertInstanceOf(ApplicationFailure.class, outer.getCause());
    assertNull(app.getCause(), "innermost failure, as workflows report it");
    return app;
  }
}
