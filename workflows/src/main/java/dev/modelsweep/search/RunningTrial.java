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
 * @param target the epoch it was told (or, {@link Phase#READY}, will be told) to train to
 * @param phase whether it holds a training slot
 * @param loss its objective at {@code reached} while {@link Phase#HELD}, to be judged by; NaN otherwise
 */
public record RunningTrial(int index, Map<String, Object> params, int epochs, int reached, int target, Phase phase,
    double loss) {

  /** Where a running trial stands with respect to the training slots. */
  public enum Phase {
    /** Training toward {@code target}, or evaluating after a stop: it holds a slot. */
    TRAINING,
    /** Reported at {@code reached} and waits, without a slot, until the earlier trials are judged there. */
    HELD,
    /** Judged to continue to {@code target}, and waits for a free slot. */
    READY
  }

  public RunningTrial {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** A trial training toward {@code target}. */
  public RunningTrial(int index, Map<String, Object> params, int epochs, int reached, int target) {
    this(index, params, epochs, reached, target, Phase.TRAINING, Double.NaN);
  }

  RunningTrial at(int newReached, int newTarget) {
    return new RunningTrial(index, params, epochs, newReached, newTarget);
  }

  RunningTrial held(int epoch, double value) {
    return new RunningTrial(index, params, epochs, epoch, epoch, Phase.HELD, value);
  }

  RunningTrial ready(int newTarget) {
    return new RunningTrial(index, params, epochs, reached, newTarget, Phase.READY, Double.NaN);
  }

  /** Stopped where it is, now evaluating: it will not train or report again. */
  boolean stopping() {
    return phase == Phase.TRAINING && target == reached;
  }
}
