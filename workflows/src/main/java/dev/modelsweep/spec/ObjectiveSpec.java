package dev.modelsweep.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How trials are ranked. A model is only as good as it is servable, so constraints on size and
 * latency sit beside the metric: a trial that breaks one is ranked below every trial that keeps
 * them all.
 *
 * @param metric a metric name from {@link dev.modelsweep.trial.Metrics}; default {@code
 *     val_accuracy}
 * @param direction {@code maximize} or {@code minimize}; default maximize for accuracy metrics,
 *     minimize for the rest
 * @param maxParams serving constraint: at most this many parameters
 * @param maxSizeBytes serving constraint: at most this many bytes of saved weights
 * @param maxLatencyMs serving constraint: p95 single-example CPU inference latency at most this
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectiveSpec(
    String metric, Direction direction, Long maxParams, Long maxSizeBytes, Double maxLatencyMs) {

  public static final ObjectiveSpec DEFAULT = new ObjectiveSpec(null, null, null, null, null);

  public enum Direction {
    @JsonProperty("maximize") MAXIMIZE,
    @JsonProperty("minimize") MINIMIZE
  }

  public String metricOrDefault() {
    return metric == null ? "val_accuracy" : metric;
  }

  public Direction directionOrDefault() {
    if (direction != null) {
      return direction;
    }
    return metricOrDefault().endsWith("accuracy") ? Direction.MAXIMIZE : Direction.MINIMIZE;
  }
}
