package dev.modelsweep.activities.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelsweep.activities.data.Normalization;
import dev.modelsweep.activities.data.SplitDataset;
import dev.modelsweep.model.Lineage;
import dev.modelsweep.spec.Metrics;
import dev.modelsweep.trial.TrialConfig;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One version of a named model: what it is, how good and how costly, where it came from, and
 * everything a server needs to answer raw rows without the training data.
 *
 * @param name the registry name
 * @param version from 1, in registration order
 * @param created when it was registered, ISO-8601 UTC
 * @param promotionKey the key of the promotion that registered it (see {@link ModelRegistry#register})
 * @param metrics every metric the model had when promoted (accuracy, loss, latency, ...)
 * @param params trainable parameters
 * @param sizeBytes bytes of the weights
 * @param latency single-example CPU latency, ms; null fields where the model was never measured
 * @param throughputPerS rows per second at batch 32, or null
 * @param datasetChecksum SHA-256 of the rows the model was trained, validated and tested on
 *     ({@link dev.modelsweep.activities.data.SplitDataset#checksum()})
 * @param spec the sweep spec the model was trained from
 * @param config the trial's complete configuration: rebuilds the network
 * @param lineage pipeline, stage, sweep, trial, teacher, source
 * @param weights the weights' key in the registry
 * @param weightsDigest SHA-256 of the weights, hex
 * @param inputShape one example's shape ({@code [features]} or {@code [c, h, w]})
 * @param classNames the label of each class index
 * @param normalization the training scaling, applied by a server to each raw row
 */
public record ModelCard(
    String name,
    int version,
    String created,
    String promotionKey,
    Map<String, Double> metrics,
    long params,
    long sizeBytes,
    Latency latency,
    Double throughputPerS,
    String datasetChecksum,
    JsonNode spec,
    TrialConfig config,
    Lineage lineage,
    String weights,
    String weightsDigest,
    List<Integer> inputShape,
    List<String> classNames,
    Normalization normalization) {

  /**
   * The card of a model about to be registered: name, version and the weights' key and digest are
   * left for {@link ModelRegistry#register} to fill in.
   *
   * @param metrics the model's metrics, by {@link Metrics} names
   * @param data the data the model was trained on, split and scaled as its trial did
   */
  public static ModelCard candidate(String promotionKey, String created, Map<String, Double> metrics, SplitDataset data,
      JsonNode spec, TrialConfig config, Lineage lineage) {
    Double params = metrics.get(Metrics.PARAMS);
    Double size = metrics.get(Metrics.SIZE_BYTES);
    return new ModelCard(null, 0, created, promotionKey, new TreeMap<>(metrics),
        params == null ? 0 : params.longValue(), size == null ? 0 : size.longValue(),
        new Latency(metrics.get(Metrics.LATENCY_P50_MS), metrics.get(Metrics.LATENCY_P95_MS),
            metrics.get(Metrics.LATENCY_P99_MS)),
        metrics.get(Metrics.THROUGHPUT_PER_S), data.checksum(), spec, config, lineage, null, null, data.shape(),
        data.classNames(), data.normalization());
  }

  /** Latency percentiles in milliseconds. */
  public record Latency(Double p50Ms, Double p95Ms, Double p99Ms) {}

  /** The number of features a raw row has. */
  public int features() {
    return inputShape.stream().reduce(1, (a, b) -> a * b);
  }
}
