package dev.modelsweep.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How trials are ranked. A model is only as good as it is servable, so constraints on size and
 * latency sit beside the metric: a trial that breaks one is ranked below every trial that keeps
 * them all.
 *
 * @param metric a metric name from {@link dev.modelsweep.spec.Metrics}; default {@code
 *     val_accuracy}
 * @param direction {@code maximize} or {@code minimize}; default maximize for accuracy metrics,
 *     minimize for the rest
 * @param maxParams serving constraint: at most this many parameters
 * @param maxSizeBytes serving constraint: at most this many bytes of saved weights
 * @param maxLatencyMs serving constraint: p95 single-example CPU inference latency at most this
 * @param metrics several objectives instead of {@code metric}: trials on the Pareto front of
 *     them rank first, best on the first listed; null for a single objective
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectiveSpec(
    String metric,
    Direction direction,
    Long maxParams,
    Long maxSizeBytes,
    Double maxLatencyMs,
    List<ObjectiveMetric> metrics) {

  public static final ObjectiveSpec DEFAULT = new ObjectiveSpec(null, null, null, null, null, null);

  public enum Direction {
    @JsonProperty("maximize") MAXIMIZE,
    @JsonProperty("minimize") MINIMIZE
  }

  /** The metric that ranks trials: the first of {@code metrics} when several are given. */
  public String metricOrDefault() {
    if (metrics != null && !metrics.isEmpty()) {
      return metrics.get(0).name();
    }
    return metric == null ? "val_accuracy" : metric;
  }

  public Direction directionOrDefault() {
    if (metrics != null && !metrics.isEmpty()) {
      return metrics.get(0).directionOrDefault();
    }
    return direction != null ? direction : defaultDirection(metricOrDefault());
  }

  /** Every objective in the order listed; one for a single-objective spec. */
  public List<ObjectiveMetric> metricsOrDefault() {
    return metrics != null && !metrics.isEmpty() ? metrics
        : List.of(new ObjectiveMetric(metricOrDefault(), directionOrDefault()));
  }

  /** Maximize accuracy metrics, minimize the rest. */
  static Direction defaultDirection(String metric) {
    return metric.endsWith("accuracy") ? Direction.MAXIMIZE : Direction.MINIMIZE;
  }
}
