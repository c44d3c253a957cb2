package dev.modelsweep.workflow;

import dev.modelsweep.spec.Metrics;
import dev.modelsweep.spec.ObjectiveSpec;
import dev.modelsweep.trial.TrialResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks trials: those within every serving constraint first (completed and stopped alike), by the
 * objective metric in its direction; then infeasible ones by the same metric; failed trials last.
 * With several objectives ({@code objective.metrics}), the feasible trials on the Pareto front
 * come first, ordered by the first listed metric, so the best trial is the front's best on it. Ties go to the earlier
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
    Set<String> front = paretoIds(trials, objective);
    List<TrialResult> ranked = new ArrayList<>(trials);
    ranked.sort(
        Comparator.comparingInt((TrialResult t) -> group(t.status()))
            .thenComparingInt(t -> front.contains(t.id()) ? 0 : 1)
            .thenComparing(byMetric)
            .thenComparingInt(TrialResult::index));
    return List.copyOf(ranked);
  }

  /**
   * Ids of the feasible trials that no other feasible trial matches on every objective and beats
   * on one, in the order of {@code ranked}; empty for a single objective.
   */
  public static List<String> paretoFront(List<TrialResult> ranked, ObjectiveSpec objective) {
    Set<String> front = paretoIds(ranked, objective);
    return ranked.stream().map(TrialResult::id).filter(front::contains).toList();
  }

  private static Set<String> paretoIds(List<TrialResult> trials, ObjectiveSpec objective) {
    if (objective.metricsOrDefault().size() < 2) {
      return Set.of();
    }
    Map<String, List<Double>> candidates = new LinkedHashMap<>();
    for (TrialResult t : trials) {
      List<Double> losses = Objectives.losses(t, objective);
      if (group(t.status()) == 0 && !losses.isEmpty()) {
        candidates.put(t.id(), losses);
      }
    }
    Set<String> front = new HashSet<>();
    for (Map.Entry<String, List<Double>> a : candidates.entrySet()) {
      boolean dominated = candidates.values().stream().anyMatch(b -> dominates(b, a.getValue()));
      if (!dominated) {
        front.add(a.getKey());
      }
    }
    return front;
  }

  /** Whether {@code a} is at least as good as {@code b} on every loss and better on one. */
  private static boolean dominates(List<Double> a, List<Double> b) {
    boolean better = false;
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) > b.get(i)) {
        return false;
      }
      better |= a.get(i) < b.get(i);
    }
    return better;
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
