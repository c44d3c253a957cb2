package dev.modelsweep.activities.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link ServingCost} figures by architecture, measured once per JVM. What a network costs to serve
 * depends on its layers, the shape of its input and the device it runs on, not on the values of
 * its weights, and the trials of a sweep share few architectures (its learning rates, optimizers
 * and batch sizes do not change the network): a letter sweep of 156 trials has at most 24. Timing
 * each trial afresh (1,500 single-row and 700 batch passes, taken in turns on a worker with several
 * slots) put about 60 ms between a small trial's training and its evaluation's end, and gave
 * trials of one architecture figures that differed by the noise of the moment.
 *
 * <p>The least recently used architecture is forgotten beyond {@code capacity}. Thread-safe; two
 * evaluations of a new architecture at once may both measure, and both get the figures stored
 * first.
 */
final class ServingCostCache {

  private final Map<String, ServingCost.Figures> byArchitecture;

  ServingCostCache(int capacity) {
    this.byArchitecture = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, ServingCost.Figures> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The figures of {@code architecture}, measured by {@code measure} the first time. */
  ServingCost.Figures get(String architecture, Supplier<ServingCost.Figures> measure) {
    synchronized (byArchitecture) {
      ServingCost.Figures known = byArchitecture.get(architecture);
      if (known != null) {
        return known;
      }
    }
    // Measured outside the lock: a hit on another architecture must not wait for this timing.
    ServingCost.Figures measured = measure.get();
    synchronized (byArchitecture) {
      ServingCost.Figures first = byArchitecture.putIfAbsent(architecture, measured);
      return first != null ? first : measured;
    }
  }

  /** Architectures held. */
  int size() {
    synchronized (byArchitecture) {
      return byArchitecture.size();
    }
  }
}
