package dev.modelsweep.activities.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.activities.Trials;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.spec.OptimizerSpec;
import dev.modelsweep.trial.EvaluateRequest;
import dev.modelsweep.trial.Evaluation;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrainResult;
import dev.modelsweep.trial.TrialConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorTest {

  @TempDir Path dir;

  /** The product's acceptance rests on this: a plain digits MLP must reach 95% test accuracy. */
  @Test
  void digitsMlpReachesNinetyFivePercent() throws Exception {
    TrialConfig trial = Trials.digits("acc", Trials.mlp(List.of(64), 0, false), Trials.training(15, 32, 5),
        Trials.optimizer(OptimizerSpec.Type.ADAM, null));
    ArtifactStore store = new ArtifactStore(dir);
    TrainResult trained = new TrialTrainer(store).train(TrainRequest.full(trial), EpochListener.NONE);
    Evaluation e = new TrialEvaluator(store).evaluate(new EvaluateRequest(trial, trained.model()));
    assertTrue(e.testAccuracy() >= 0.95, "test accuracy " + e.testAccuracy());
    assertEquals(trained.last().valAccuracy(), e.valAccuracy(), "evaluation sees the same validation split");
    assertEquals(trained.last().valLoss(), e.valLoss(), 1e-9);
  }

  @Test
  void reportsParamsSizeAndLatency() throws Exception {
    TrialConfig trial = Trials.digits("small", Trials.mlp(List.of(32), 0, false), Trials.training(1, 32, 1),
        Trials.optimizer(OptimizerSpec.Type.SGD, 0.1));
    ArtifactStore store = new ArtifactStore(dir);
    TrainResult trained = new TrialTrainer(store).train(TrainRequest.full(trial), EpochListener.NONE);
    Evaluation e = new TrialEvaluator(store).evaluate(new EvaluateRequest(trial, trained.model()));

    assertEquals(64 * 32 + 32 + 32 * 10 + 10, e.params());
    assertEquals(Files.size(dir.resolve(trained.model())), e.sizeBytes());
    for (double accuracy : new double[] {e.valAccuracy(), e.testAccuracy()}) {
      assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
    }
    assertTrue(e.testAccuracy() > 0.5, "one epoch already beats chance: " + e.testAccuracy());
    assertTrue(e.valLoss() > 0 && e.testLoss() > 0);
    assertTrue(e.latencyP50Ms() > 0 && e.latencyP95Ms() >= e.latencyP50Ms(), e.toString());
    assertTrue(e.latencyP99Ms() >= e.latencyP95Ms(), e.toString());
    assertTrue(e.latencyP95Ms() < 100, "a 64-32-10 MLP answers in well under 100 ms: " + e);
    // A batch of 32 costs less than 32 single rows: throughput beats one row per p50.
    assertTrue(e.throughputPerS() > 1000 / e.latencyP50Ms(), e.toString());
  }

  @Test
  void refusesWeightsOutsideTheStoreOrMissing() {
    TrialConfig trial = Trials.digits("x", Trials.mlp(List.of(8), 0, false), Trials.training(1, 32, 1),
        Trials.optimizer(OptimizerSpec.Type.SGD, 0.1));
    TrialEvaluator evaluator = new TrialEvaluator(new ArtifactStore(dir));
    InvalidSpecException escape = assertThrows(InvalidSpecException.class,
        () -> evaluator.evaluate(new EvaluateRequest(trial, "../../etc/passwd")));
    assertTrue(escape.getMessage().contains("escapes the artifact root"), escape.getMessage());
    InvalidSpecException missing = assertThrows(InvalidSpecException.class,
        () -> evaluator.evaluate(new EvaluateRequest(trial, "sweep-1/trials/x/model.params")));
    assertTrue(missing.getMessage().startsWith("model: no weights at"), missing.getMessage());
  }

  @Test
  void percentileIsNearestRank() {
    double[] v = new double[100];
    for (int i = 0; i < 100; i++) {
      v[i] = 100 - i;
    }
    assertEquals(50, ServingCost.percentile(v, 0.50));
    assertEquals(95, ServingCost.percentile(v, 0.95));
    assertEquals(99, ServingCost.percentile(v, 0.99));
    assertEquals(2, ServingCost.median(new double[] {3, 1, 2}));
  }
}
