package dev.modelsweep.workflow;

import dev.modelsweep.spec.ObjectiveSpec;
import dev.modelsweep.trial.TrialResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks trials: those within every serving constraint first, by the objective metric in its
 * direction; then infeasible ones by the same metric; failed trials last. Ties go to the earlier
 * trial, so the order is total and the same on every replay.
 */
public final class Leaderboard {

  private Leaderboard() {}

  public static List<TrialResult> rank(List<TrialResult> trials, ObjectiveSpec objective) {
    String metric = objective.metricOrDefault();
    boolean maximize = objective.directionOrDefault() == ObjectiveSpec.Direction.MAXIMIZE;
    Comparator<TrialResult> byMetric =
        Comparator.comparingDouble(
            t -> {
              Double v = t.metric(metric);
              double value = v == null || v.isNaN() ? Double.NEGATIVE_INFINITY : (maximize ? v : -v);
              return -value;
            });
    List<TrialResult> ranked = new ArrayList<>(trials);
    ranked.sort(
        Comparator.comparingInt((TrialResult t) -> t.status().ordinal())
            .thenComparing(byMetric)
            .thenComparingInt(TrialResult::index));
    return List.copyOf(ranked);
  }
}
