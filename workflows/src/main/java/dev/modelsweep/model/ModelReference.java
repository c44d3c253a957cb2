package dev.modelsweep.model;

import java.util.Map;

/**
 * A trained model in the artifact store, as a pipeline stage outputs it.
 *
 * @param key the weights' key in the store, named by their content ({@code
 *     models/sha256-<hex>.params}), so publishing the same weights twice gives the same reference
 * @param digest SHA-256 of the weights, hex; readers check it
 * @param metrics metric name to value (see {@link dev.modelsweep.spec.Metrics}): the trial's
 *     metrics when a sweep produced the model, the fresh measurement after an {@code evaluate}
 * @param lineage what produced the model
 */
public record ModelReference(String key, String digest, Map<String, Double> metrics, Lineage lineage) {

  public ModelReference {
    metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
  }

  /** The value of a metric, or null when the model has none by that name. */
  public Double metric(String name) {
    return metrics.get(name);
  }

  /** The same model with other metrics. */
  public ModelReference withMetrics(Map<String, Double> replaced) {
    return new ModelReference(key, digest, replaced, lineage);
  }
}
