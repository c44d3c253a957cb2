package dev.modelsweep.workflow;

import dev.modelsweep.spec.ObjectiveSpec;
import dev.modelsweep.trial.Metrics;
import dev.modelsweep.trial.TrialResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks trials: those within every serving constraint first (completed and stopped alike), by the
 * objective metric in its direction; then infeasible ones by the same metric; failed trials last. Ties go to the earlier
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
        Comparator.comparingInt((TrialResult t) -> group(t.status()))
            .thenComparing(byMetric)
            .thenComparingInt(TrialResult::index));
    return List.copyOf(ranked);
  }

  /** A stopped trial has every metric, so it ranks with the completed ones by them. */
  private static int group(TrialResult.Status status) {
    return switch (status) {
      case COMPLETED, STOPPED -> 0;
      case INFEASIBLE -> 1;
      case FAILED -> 2;
    };
  }

  /**
   * Whether two leaderboards agree on everything a rerun must reproduce: order, ids, parameters,
   * statuses and every metric but the wall-clock {@link Metrics#TIMINGS}.
   */
  public static boolean sameResults(List<TrialResult> a, List<TrialResult> b) {
    return a.stream().map(Leaderboard::reproducible).toList()
        .equals(b.stream().map(Leaderboard::reproducible).toList());
  }

  private static List<Object> reproducible(TrialResult t) {
    Map<String, Double> metrics = new LinkedHashMap<>(t.metrics());
    metrics.keySet().removeAll(Metrics.TIMINGS);
    return List.of(t.id(), t.params(), t.status(), metrics);
  }
}
