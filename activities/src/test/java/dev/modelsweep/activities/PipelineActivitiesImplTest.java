package dev.modelsweep.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.activities.data.Datasets;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.store.Digests;
import dev.modelsweep.activities.store.FolderBlobStore;
import dev.modelsweep.activityapi.FailureTypes;
import dev.modelsweep.activityapi.PipelineActivities;
import dev.modelsweep.activityapi.TrainingActivities;
import dev.modelsweep.model.ModelReference;
import dev.modelsweep.model.PublishRequest;
import dev.modelsweep.spec.Metrics;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.EvaluateRequest;
import dev.modelsweep.trial.Evaluation;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrainResult;
import dev.modelsweep.trial.TrialConfig;
import dev.modelsweep.trial.TrialConfigs;
import dev.modelsweep.trial.TrialResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing a trained trial to the store and measuring it from there, through Temporal's activity test environment. */
class PipelineActivitiesImplTest {

  private static final SweepSpec SPEC = SpecParser.parse("""
      {"name": "s", "seed": 2, "dataset": "iris", "model": {"family": "mlp", "hiddenLayers": [8]},
       "training": {"epochs": 15, "batchSize": "full"}, "optimizer": {"type": "adam", "learningRate": 0.05}}
      """);

  @TempDir Path root;

  private TestActivityEnvironment env;
  private TrainingActivities training;
  private PipelineActivities pipeline;
  private TrialResult trial;
  private Evaluation trained;

  @BeforeEach
  void trainOneTrial() {
    env = TestActivityEnvironment.newInstance();
    ArtifactStore artifacts = new ArtifactStore(root);
    env.registerActivitiesImplementations(
        new TrainingActivitiesImpl(artifacts),
        new PipelineActivitiesImpl(artifacts, new FolderBlobStore(root.resolve("store")), Datasets.shared()));
    ActivityOptions once = ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build();
    training = env.newActivityStub(TrainingActivities.class, once);
    pipeline = env.newActivityStub(PipelineActivities.class, once);
    TrialConfig config = TrialConfigs.resolve(SPEC, "sweep-1", 0, Map.of());
    TrainResult result = training.train(TrainRequest.full(config));
    trained = training.evaluate(new EvaluateRequest(config, result.model()));
    trial = new TrialResult(config.trialId(), 0, Map.of(), TrialResult.Status.COMPLETED,
        Map.of(Metrics.TEST_ACCURACY, trained.testAccuracy()), null, "ignored");
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  private ModelReference publish() {
    return pipeline.publishTrials(new PublishRequest("p", "search", "sweep-1", SPEC, List.of(trial))).get(0);
  }

  @Test
  void publishedWeightsAreTheTrialsUnderTheirDigestAndRepublishingGivesTheSameReference() throws Exception {
    ModelReference ref = publish();
    byte[] weights = Files.readAllBytes(root.resolve("sweep-1/trials/t000/model.params"));
    assertEquals(Digests.sha256(weights), ref.digest());
    assertEquals("models/sha256-" + ref.digest() + ".params", ref.key());
    assertTrue(Files.isRegularFile(root.resolve("store").resolve(ref.key())));
    assertEquals("sweep-1", ref.lineage().sweep());
    assertEquals("t000", ref.lineage().trial());
    assertTrue(ref.lineage().spec().startsWith("specs/sha256-"), ref.lineage().spec());
    assertTrue(ref.lineage().config().startsWith("configs/sha256-"), ref.lineage().config());
    assertNull(ref.lineage().teacher());
    assertEquals(ref, publish(), "a retried publish writes the same keys and returns the same reference");
  }

  @Test
  void aModelMeasuredFromTheStoreMatchesTheTrialsOwnEvaluation() {
    ModelReference measured = pipeline.evaluateModel(publish());
    assertEquals(trained.testAccuracy(), measured.metric(Metrics.TEST_ACCURACY));
    assertEquals((double) trained.params(), measured.metric(Metrics.PARAMS));
    assertEquals(trained.valLoss(), measured.metric(Metrics.VAL_LOSS));
  }

  @Test
  void weightsChangedInTheStoreFailTheMeasurementForGood() throws Exception {
    ModelReference ref = publish();
    Path stored = root.resolve("store").resolve(ref.key());
    byte[] bytes = Files.readAllBytes(stored);
    bytes[bytes.length / 2] ^= 1;
    Files.write(stored, bytes);
    ActivityFailure failure = assertThrows(ActivityFailure.class, () -> pipeline.evaluateModel(ref));
    ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failure.getCause());
    assertEquals(FailureTypes.CORRUPT_ARTIFACT, cause.getType());
    assertTrue(cause.isNonRetryable());
    assertTrue(cause.getOriginalMessage().startsWith(ref.key() + " in " + root.resolve("store")), cause.getOriginalMessage());
  }

  @Test
  void aTrialWithoutWeightsHereSaysWhichFolderItLookedIn() throws Exception {
    Files.delete(root.resolve("sweep-1/trials/t000/model.params"));
    ActivityFailure failure = assertThrows(ActivityFailure.class, this::publish);
    ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failure.getCause());
    assertEquals(FailureTypes.INVALID_SPEC, cause.getType());
    assertEquals("stage search: trial t000 of sweep sweep-1 has no weights at sweep-1/trials/t000/model.params under "
        + root + "; the sweep ran on a worker with another artifact folder: give every worker the same --store", cause.getOriginalMessage());
  }
}
