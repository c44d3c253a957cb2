package dev.modelsweep.worker.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.trial.TrialResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ParameterImportanceTest {

  /** The objective depends on the learning rate and the activation, not on the width. */
  @Test
  void theParameterThatDrivesTheObjectiveRanksFirstAndTheIrrelevantOneLast() {
    Random random = new Random(7);
    List<TrialResult> trials = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      double lr = Math.exp(-7 + 6 * random.nextDouble());
      String activation = random.nextBoolean() ? "relu" : "tanh";
      int width = List.of(16, 32, 64).get(random.nextInt(3));
      double accuracy = 0.95 - 0.05 * Math.abs(Math.log(lr) + 4) + (activation.equals("relu") ? 0.02 : 0);
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("model.width", width);
      params.put("model.activation", activation);
      params.put("optimizer.learningRate", lr);
      trials.add(new TrialResult("t" + i, i, params, TrialResult.Status.COMPLETED, Map.of("val_accuracy", accuracy), null, null));
    }
    List<ParameterImportance.Score> scores = ParameterImportance.of(trials, "val_accuracy");
    assertEquals("optimizer.learningRate", scores.get(0).parameter(), scores.toString());
    assertEquals("model.width", scores.get(2).parameter(), scores.toString());
    assertTrue(scores.get(0).importance() > 0.6, scores.toString());
    assertTrue(scores.get(2).importance() < 0.1, scores.toString());
    assertEquals(1.0, scores.stream().mapToDouble(ParameterImportance.Score::importance).sum(), 1e-9);
  }

  @Test
  void failedTrialsAndTooFewTrialsGiveNoScores() {
    List<TrialResult> trials = List.of(
        new TrialResult("t0", 0, Map.of("x", 1), TrialResult.Status.COMPLETED, Map.of("val_accuracy", 0.5), null, null),
        new TrialResult("t1", 1, Map.of("x", 2), TrialResult.Status.COMPLETED, Map.of("val_accuracy", 0.7), null, null),
        new TrialResult("t2", 2, Map.of("x", 3), TrialResult.Status.FAILED, Map.of(), "Diverged", null),
        new TrialResult("t3", 3, Map.of("x", 4), TrialResult.Status.COMPLETED, Map.of("val_accuracy", 0.6), null, null));
    assertEquals(List.of(), ParameterImportance.of(trials, "val_accuracy"));
  }
}
