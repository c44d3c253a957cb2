package dev.modelsweep.search;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Asynchronous successive halving (ASHA, Li et al. 2020): rungs lie at {@code minEpochs *
 * eta^(s + k)} epochs for k = 0, 1, ...; a trial that reaches a rung goes on when it is among
 * the best {@code max(1, floor(n / eta))} of the n trials judged at that rung so far, itself
 * included, and stops otherwise. No slot waits for a rung to fill, whatever {@code
 * maxConcurrent} is; early trials are judged against few others and mostly go on, as in the
 * paper. The {@link TrialScheduler} hands reports over in trial order, so those n are the earlier
 * trials that reached the rung, as with one slot.
 */
final class SuccessiveHalving implements EarlyStopping {

  private final int minEpochs;
  private final int eta;
  private final int rate;
  private final String name;

  /**
   * @param rate the minimum early-stopping rate s
   * @param name how reasons name the rule ("asha", "hyperband bracket 2")
   */
  SuccessiveHalving(int minEpochs, int eta, int rate, String name) {
    this.minEpochs = minEpochs;
    this.eta = eta;
    this.rate = rate;
    this.name = name;
  }

  /** The k-th rung (0-based), saturating at {@link Integer#MAX_VALUE}. */
  long rung(int k) {
    long epoch = minEpochs;
    for (int i = 0; i < rate + k && epoch < Integer.MAX_VALUE; i++) {
      epoch *= eta;
    }
    return Math.min(epoch, Integer.MAX_VALUE);
  }

  @Override
  public int nextReport(int index, int epoch, int epochs) {
    for (int k = 0; ; k++) {
      long r = rung(k);
      if (r > epoch) {
        return (int) Math.min(r, epochs);
      }
    }
  }

  @Override
  public Optional<String> judge(int index, int epoch, double loss, Rungs rungs) {
    return judgeInBracket(0, epoch, loss, rungs);
  }

  /** {@link #judge(int, int, double, Rungs)} among the trials of one bracket. */
  Optional<String> judgeInBracket(int bracket, int epoch, double loss, Rungs rungs) {
    if (!isRung(epoch)) {
      return Optional.empty(); // cut short by the epoch budget, not at a rung: nothing to compare
    }
    List<Double> others = rungs.at(bracket, epoch);
    int n = others.size() + 1;
    int keep = Math.max(1, n / eta);
    int better = 0;
    for (double other : others) {
      if (other < loss || Double.isNaN(loss)) {
        better++;
      }
    }
    rungs.add(bracket, epoch, loss);
    if (better < keep) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT,
        "stopped by %s at epoch %d: %d of the %d trials at this rung did better, and only the best %d go on",
        name, epoch, better, n, keep));
  }

  private boolean isRung(int epoch) {
    for (int k = 0; ; k++) {
      long r = rung(k);
      if (r >= epoch) {
        return r == epoch;
      }
    }
  }
}
