package dev.modelsweep.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Median stopping (Golovin et al. 2017, Google Vizier): every trial reports after each epoch from
 * {@code minEpochs} on, and stops when its value is worse than the median of the values the other
 * trials reported at the same epoch, once at least {@code minTrials} of them have.
 */
final class MedianStopping implements EarlyStopping {

  private final int minEpochs;
  private final int minTrials;

  MedianStopping(int minEpochs, int minTrials) {
    this.minEpochs = minEpochs;
    this.minTrials = minTrials;
  }

  @Override
  public int nextReport(int index, int epoch, int epochs) {
    return Math.min(Math.max(epoch + 1, minEpochs), epochs);
  }

  @Override
  public Optional<String> judge(int index, int epoch, double loss, Rungs rungs) {
    List<Double> others = rungs.at(0, epoch);
    Optional<String> reason = Optional.empty();
    if (epoch >= minEpochs && others.size() >= minTrials) {
      double median = median(others);
      if (loss > median || Double.isNaN(loss)) {
        reason = Optional.of(String.format(Locale.ROOT,
            "stopped by median at epoch %d: its objective as a loss (lower is better, maximized metrics negated) %.6g is worse than the median %.6g of %d other trials there",
            epoch, loss, median, others.size()));
      }
    }
    rungs.add(0, epoch, loss);
    return reason;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
