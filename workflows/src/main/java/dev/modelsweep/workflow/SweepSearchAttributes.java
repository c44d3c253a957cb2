package dev.modelsweep.workflow;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The search attributes a sweep upserts as it runs, so the Temporal Web UI, {@code temporal
 * workflow list --query} and {@code modelsweep list} can list and filter sweeps. The embedded
 * service registers them when it starts; a cluster needs them registered once per namespace (the
 * README gives the command). A sweep started before they existed sets none.
 */
public final class SweepSearchAttributes {

  /**
   * What the sweep is doing: {@code preparing}, {@code running}, {@code paused}, {@code stopping},
   * then {@code completed}, {@code stopped} (ended by stop) or {@code failed}.
   */
  public static final SearchAttributeKey<String> STATE = SearchAttributeKey.forKeyword("ModelSweepState");

  /** The leading trial's value of the (first) objective metric; unset until a trial succeeds. */
  public static final SearchAttributeKey<Double> BEST_METRIC = SearchAttributeKey.forDouble("ModelSweepBestMetric");

  /** The name of that metric, such as {@code val_accuracy}. */
  public static final SearchAttributeKey<String> METRIC = SearchAttributeKey.forKeyword("ModelSweepMetric");

  /** {@code search.strategy}: random, grid, sobol, tpe or gp. */
  public static final SearchAttributeKey<String> STRATEGY = SearchAttributeKey.forKeyword("ModelSweepStrategy");

  /** The spec's {@code name}. */
  public static final SearchAttributeKey<String> SPEC_NAME = SearchAttributeKey.forKeyword("ModelSweepSpecName");

  /** Trials ended so far, whatever their status. */
  public static final SearchAttributeKey<Long> TRIALS_DONE = SearchAttributeKey.forLong("ModelSweepTrialsDone");

  private SweepSearchAttributes() {}

  /** Every attribute by name, with the type to register it as. */
  public static Map<String, IndexedValueType> definitions() {
    Map<String, IndexedValueType> all = new LinkedHashMap<>();
    for (SearchAttributeKey<?> key : new SearchAttributeKey<?>[] {STATE, BEST_METRIC, METRIC, STRATEGY, SPEC_NAME, TRIALS_DONE}) {
      all.put(key.getName(), key.getValueType());
    }
    return all;
  }
}
