package dev.modelsweep.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One objective of several ({@code objective.metrics}).
 *
 * @param name a metric name from {@link dev.modelsweep.spec.Metrics#OBJECTIVES}
 * @param direction {@code maximize} or {@code minimize}; default maximize for accuracy metrics,
 *     minimize for the rest
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectiveMetric(String name, ObjectiveSpec.Direction direction) {

  public ObjectiveSpec.Direction directionOrDefault() {
    return direction != null ? direction : ObjectiveSpec.defaultDirection(name);
  }
}
