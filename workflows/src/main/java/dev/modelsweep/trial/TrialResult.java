package dev.modelsweep.trial;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.modelsweep.spec.Metrics;
import java.util.Map;

/**
 * One row of the leaderboard.
 *
 * @param id trial id
 * @param params the searched values
 * @param status how the trial ended
 * @param metrics metric name to value; see {@link Metrics}
 * @param failure why a trial failed, was stopped early or broke a constraint, else null
 * @param artifacts the trial's folder, relative to the artifact root
 * @param device the device it last trained on ({@code cpu()}, {@code gpu(1)}); null when it did not
 *     train or in results recorded before it was kept
 */
public record TrialResult(
    String id,
    int index,
    Map<String, Object> params,
    Status status,
    Map<String, Double> metrics,
    String failure,
    String artifacts,
    String device) {

  /** A trial that has no training device to name: it failed before or without training. */
  public TrialResult(String id, int index, Map<String, Object> params, Status status, Map<String, Double> metrics,
      String failure, String artifacts) {
    this(id, index, params, status, metrics, failure, artifacts, null);
  }

  public enum Status {
    /** Trained and evaluated, within every constraint. */
    @JsonProperty("completed")
    COMPLETED,
    /** Trained and evaluated, but breaks a serving constraint. */
    @JsonProperty("infeasible")
    INFEASIBLE,
    /** Did not finish: bad configuration, diverged, or gave up after retries. */
    @JsonProperty("failed")
    FAILED,
    /**
     * Ended before its last epoch by early stopping or the epoch budget, and evaluated at the epoch
     * it reached: it has every metric a completed trial has, and the reason in {@code failure}.
     */
    @JsonProperty("stopped")
    STOPPED
  }

  public Double metric(String name) {
    return metrics == null ? null : metrics.get(name);
  }
}
