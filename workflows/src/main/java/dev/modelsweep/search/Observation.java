package dev.modelsweep.search;

import dev.modelsweep.spec.ObjectiveSpec;
import dev.modelsweep.trial.Metrics;
import dev.modelsweep.trial.TrialResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished trial as a sampler learns from it.
 *
 * @param index the trial's 0-based index
 * @param params the values it was proposed with, keyed by path
 * @param losses its objective values in the order the spec lists the objectives, each oriented
 *     so that lower is better (a maximized metric is negated); empty when the trial failed
 * @param epochs epochs it trained before it ended; below the spec's epochs when it was stopped
 *     early
 * @param feasible whether it kept every serving constraint
 */
public record Observation(
    int index, Map<String, Object> params, List<Double> losses, int epochs, boolean feasible) {

  public Observation {
    // Not Map.copyOf: a choice may hold null (the field's default), and space order matters.
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    losses = List.copyOf(losses);
  }

  /**
   * A finished trial as the sampler sees it: its objective metric, negated when maximized; no
   * loss when it failed or lacks the metric; infeasible when it broke a serving constraint.
   */
  public static Observation of(TrialResult trial, ObjectiveSpec objective) {
    Double value = trial.status() == TrialResult.Status.FAILED ? null : trial.metric(objective.metricOrDefault());
    List<Double> losses = value == null || value.isNaN() ? List.of()
        : List.of(objective.directionOrDefault() == ObjectiveSpec.Direction.MAXIMIZE ? -value : value);
    Double epochs = trial.metric(Metrics.EPOCHS);
    return new Observation(trial.index(), trial.params() == null ? Map.of() : trial.params(), losses,
        epochs == null ? 0 : epochs.intValue(), trial.status() != TrialResult.Status.INFEASIBLE);
  }

  /** Whether the trial produced no objective value (diverged, bad configuration, retries spent). */
  public boolean failed() {
    return losses.isEmpty();
  }
}
