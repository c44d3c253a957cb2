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
import java.util.function.Function;
import java.util.function.Supplier;
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

  /**
   * Trials that differ only in how they train share one serving-cost measurement: a network's cost
   * to serve is its architecture's, whatever its weights.
   */
  @Test
  void servingCostIsMeasuredOncePerArchitecture() throws Exception {
    ArtifactStore store = new ArtifactStore(dir);
    TrialEvaluator evaluator = new TrialEvaluator(store);
    TrialConfig sgd = Trials.digits("arch-sgd", Trials.mlp(List.of(24), 0, false), Trials.training(1, 32, 1),
        Trials.optimizer(OptimizerSpec.Type.SGD, 0.1));
    TrialConfig adam = Trials.digits("arch-adam", Trials.mlp(List.of(24), 0, false), Trials.training(2, 16, 1),
        Trials.optimizer(OptimizerSpec.Type.ADAM, null));
    TrialConfig wider = Trials.digits("arch-wider", Trials.mlp(List.of(40), 0, false), Trials.training(1, 32, 1),
        Trials.optimizer(OptimizerSpec.Type.SGD, 0.1));
    Evaluation[] e = new Evaluation[3];
    TrialConfig[] trials = {sgd, adam, wider};
    for (int i = 0; i < 3; i++) {
      TrainResult trained = new TrialTrainer(store).train(TrainRequest.full(trials[i]), EpochListener.NONE);
      e[i] = evaluator.evaluate(new EvaluateRequest(trials[i], trained.model()));
    }
    assertTrue(e[0].testLoss() != e[1].testLoss(), "different weights: " + e[0] + " " + e[1]);
    // Four timed figures equal to the last bit: one measurement, not two that happened to agree.
    assertEquals(List.of(e[0].latencyP50Ms(), e[0].latencyP95Ms(), e[0].latencyP99Ms(), e[0].throughputPerS()),
        List.of(e[1].latencyP50Ms(), e[1].latencyP95Ms(), e[1].latencyP99Ms(), e[1].throughputPerS()));
    assertTrue(e[2].params() > e[0].params());
    assertTrue(e[2].latencyP50Ms() != e[0].latencyP50Ms() || e[2].throughputPerS() != e[0].throughputPerS(),
        "another architecture is timed by itself: " + e[0] + " " + e[2]);
  }

  @Test
  void servingCostCacheMeasuresEachArchitectureOnceAndForgetsTheLeastRecentlyUsed() {
    ServingCostCache cache = new ServingCostCache(2);
    int[] measured = {0};
    Function<Double, Supplier<ServingCost.Figures>> measure = ms -> () -> {
      measured[0]++;
      return new ServingCost.Figures(ms, ms, ms, 1000 / ms);
    };
    assertEquals(1.0, cache.get("a", measure.apply(1.0)).latencyP50Ms());
    assertEquals(1.0, cache.get("a", measure.apply(9.0)).latencyP50Ms(), "known: not measured again");
    assertEquals(1, measured[0]);
    cache.get("b", measure.apply(2.0));
    cache.get("a", measure.apply(9.0)); // a is now the most recently used
    cache.get("c", measure.apply(3.0)); // over capacity: b goes
    assertEquals(2, cache.size());
    assertEquals(3, measured[0]);
    assertEquals(1.0, cache.get("a", measure.apply(9.0)).latencyP50Ms());
    assertEquals(4.0, cache.get("b", measure.apply(4.0)).latencyP50Ms(), "forgotten, so measured again");
    assertEquals(4, measured[0]);
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
