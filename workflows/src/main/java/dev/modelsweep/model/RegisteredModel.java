package dev.modelsweep.model;

import java.util.Map;

/**
 * A version of a named model in the registry, as a gate compares a candidate with it.
 *
 * @param name the registry name
 * @param version its version number, from 1
 * @param metrics its model card's metrics, by {@link dev.modelsweep.spec.Metrics} names
 */
public record RegisteredModel(String name, int version, Map<String, Double> metrics) {

  public RegisteredModel {
    metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
  }
}
