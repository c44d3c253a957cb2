package dev.modelsweep.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelsweep.spec.ObjectiveMetric;
import dev.modelsweep.spec.ObjectiveSpec;
import dev.modelsweep.trial.TrialResult;
import dev.modelsweep.trial.TrialResult.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaderboardTest {

  private static TrialResult trial(int index, Status status, double valAccuracy, double params) {
    return new TrialResult(
        "t" + index, index, Map.of(), status,
        status == Status.FAILED ? Map.of() : Map.of("val_accuracy", valAccuracy, "params", params),
        null, null);
  }

  private static List<String> ids(List<TrialResult> ranked) {
    return ranked.stream().map(TrialResult::id).toList();
  }

  @Test
  void feasibleByMetricThenInfeasibleThenFailed() {
    List<TrialResult> trials = List.of(
        trial(0, Status.FAILED, 0, 0),
        trial(1, Status.COMPLETED, 0.90, 100),
        trial(2, Status.INFEASIBLE, 0.99, 9000),
        trial(3, Status.COMPLETED, 0.95, 300));
    assertEquals(List.of("t3", "t1", "t2", "t0"), ids(Leaderboard.rank(trials, ObjectiveSpec.DEFAULT)));
  }

  @Test
  void minimizeRanksSmallestFirst() {
    List<TrialResult> trials = List.of(
        trial(0, Status.COMPLETED, 0.9, 500), trial(1, Status.COMPLETED, 0.8, 100));
    ObjectiveSpec fewestParams = new ObjectiveSpec("params", null, null, null, null, null);
    assertEquals(List.of("t1", "t0"), ids(Leaderboard.rank(trials, fewestParams)));
  }

  @Test
  void tiesGoToTheEarlierTrial() {
    List<TrialResult> trials = List.of(
        trial(2, Status.COMPLETED, 0.9, 1), trial(0, Status.COMPLETED, 0.9, 1),
        trial(1, Status.COMPLETED, 0.9, 1));
    assertEquals(List.of("t0", "t1", "t2"), ids(Leaderboard.rank(trials, ObjectiveSpec.DEFAULT)));
  }

  @Test
  void sameResultsIgnoresWallClockTimingsOnly() {
    TrialResult a = new TrialResult("t0", 0, Map.of("model.width", 8), Status.COMPLETED,
        Map.of("val_accuracy", 0.9, "latency_p95_ms", 0.5, "train_seconds", 3.0), null, null);
    TrialResult slower = new TrialResult("t0", 0, Map.of("model.width", 8), Status.COMPLETED,
        Map.of("val_accuracy", 0.9, "latency_p95_ms", 0.9, "train_seconds", 4.0), null, null);
    TrialResult worse = new TrialResult("t0", 0, Map.of("model.width", 8), Status.COMPLETED,
        Map.of("val_accuracy", 0.8, "latency_p95_ms", 0.5, "train_seconds", 3.0), null, null);
    org.junit.jupiter.api.Assertions.assertTrue(Leaderboard.sameResults(List.of(a), List.of(slower)));
    org.junit.jupiter.api.Assertions.assertFalse(Leaderboard.sameResults(List.of(a), List.of(worse)));
  }

  @Test
  void withSeveralObjectivesTheParetoFrontRanksFirstBestOnTheFirstMetric() {
    ObjectiveSpec accuracyAndSize = new ObjectiveSpec(null, null, null, null, null, List.of(
        new ObjectiveMetric("val_accuracy", null), new ObjectiveMetric("params", null)));
    List<TrialResult> trials = List.of(
        trial(0, Status.COMPLETED, 0.90, 500),   // dominated by 3: less accurate and bigger
        trial(1, Status.COMPLETED, 0.95, 900),   // on the front: the most accurate
        trial(2, Status.STOPPED, 0.70, 50),      // on the front: the smallest
        trial(3, Status.COMPLETED, 0.92, 400),   // on the front
        trial(4, Status.INFEASIBLE, 0.99, 10),   // breaks a constraint: never on the front
        trial(5, Status.FAILED, 0, 0));
    List<TrialResult> ranked = Leaderboard.rank(trials, accuracyAndSize);
    assertEquals(List.of("t1", "t3", "t2", "t0", "t4", "t5"), ranked.stream().map(TrialResult::id).toList());
    assertEquals(List.of("t1", "t3", "t2"), Leaderboard.paretoFront(ranked, accuracyAndSize));
    assertEquals(List.of(), Leaderboard.paretoFront(ranked, ObjectiveSpec.DEFAULT), "one objective, no front");
  }
}
