package dev.modelsweep.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trial the scheduler has started and not yet seen end.
 *
 * @param index its 0-based index
 * @param params its values
 * @param epochs its last epoch
 * @param reached epochs it has trained so far, as last reported
 * @param target the epoch it was told to train to
 */
public record RunningTrial(int index, Map<String, Object> params, int epochs, int reached, int target) {

  public RunningTrial {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  RunningTrial at(int newReached, int newTarget) {
    return new RunningTrial(index, params, epochs, newReached, newTarget);
  }
}
