package dev.modelsweep.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.store.Json;
import dev.modelsweep.activity.FailureTypes;
import dev.modelsweep.activity.TrainingActivities;
import dev.modelsweep.spec.DatasetSpec;
import dev.modelsweep.spec.OptimizerSpec;
import dev.modelsweep.trial.DatasetSummary;
import dev.modelsweep.trial.EvaluateRequest;
import dev.modelsweep.trial.Evaluation;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrainResult;
import dev.modelsweep.trial.TrialConfig;
import dev.modelsweep.trial.TrialResult;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
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
    env = TestActivityEnvironment.newInstance(lenientJson());
    env.registerActivitiesImplementations(new TrainingActivitiesImpl(new ArtifactStore(root)));
    env.setActivityHeartbeatListener(TrainingHeartbeat.class, heartbeats::add);
    activities = env.newActivityStub(TrainingActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build());
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void describesTrainsAndEvaluates() {
    DatasetSummary summary = activities.describeDataset(DatasetSpec.builtin("digits"), 7);
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
    ApplicationFailure failure = failure(() -> activities.describeDataset(DatasetSpec.builtin("nope"), 0));
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

  private static ApplicationFailure failure(Runnable call) {
    ActivityFailure outer = assertThrows(ActivityFailure.class, call::run);
    ApplicationFailure app = assertInstanceOf(ApplicationFailure.class, outer.getCause());
    assertNull(app.getCause(), "innermost failure, as workflows report it");
    return app;
  }
}
