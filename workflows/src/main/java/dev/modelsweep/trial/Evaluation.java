package dev.modelsweep.trial;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.modelsweep.spec.Metrics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Quality and serving cost of a trained model.
 *
 * @param params trainable parameter count
 * @param sizeBytes bytes of the saved weights
 * @param latencyP50Ms median single-example CPU inference latency
 * @param latencyP95Ms 95th percentile single-example CPU inference latency
 * @param latencyP99Ms 99th percentile single-example CPU inference latency
 * @param throughputPerS rows per second of CPU inference at batch 32
 */
public record Evaluation(
    double valAccuracy,
    double valLoss,
    double testAccuracy,
    double testLoss,
    long params,
    long sizeBytes,
    double latencyP50Ms,
    double latencyP95Ms,
    double latencyP99Ms,
    double throughputPerS) {

  /** The measurements by their {@link Metrics} names. */
  @JsonIgnore
  public Map<String, Double> metrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(Metrics.VAL_ACCURACY, valAccuracy);
    m.put(Metrics.VAL_LOSS, valLoss);
    m.put(Metrics.TEST_ACCURACY, testAccuracy);
    m.put(Metrics.TEST_LOSS, testLoss);
    m.put(Metrics.PARAMS, (double) params);
    m.put(Metrics.SIZE_BYTES, (double) sizeBytes);
    m.put(Metrics.LATENCY_P50_MS, latencyP50Ms);
    m.put(Metrics.LATENCY_P95_MS, latencyP95Ms);
    m.put(Metrics.LATENCY_P99_MS, latencyP99Ms);
    m.put(Metrics.THROUGHPUT_PER_S, throughputPerS);
    return m;
  }
}
