package dev.modelsweep.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hyperband (Li et al. 2018) over epochs: brackets of successive halving that trade how many
 * trials start against how long each trains before its first judgment. With R the trials' epochs,
 * r {@code minEpochs}, eta the reduction factor and g the grace period, bracket b (b = g ..
 * s_max, s_max = floor(log_eta(R / r))) has its first rung at {@code r * eta^b} and receives
 * {@code ceil((S + 1) / (s + 1) * eta^s)} trials, where S = s_max - g and s = s_max - b: the
 * paper's bracket sizes, most aggressive (b = g) first.
 *
 * <p>Trials are dealt to the brackets in that order by index, cycle after cycle, so a sweep runs
 * its brackets as the paper does. Within a bracket, trials are halved asynchronously (as {@link
 * SuccessiveHalving}) and only against trials of the same bracket, so no slot waits for a bracket
 * to fill.
 */
final class Hyperband implements EarlyStopping {

  private final List<SuccessiveHalving> brackets = new ArrayList<>();
  private final List<Integer> sizes = new ArrayList<>();
  private final int firstBracket;
  private final int cycle;

  Hyperband(int minEpochs, int eta, int gracePeriod, int epochs) {
    int sMax = 0;
    long r = minEpochs;
    while (r * eta <= epochs) {
      r *= eta;
      sMax++;
    }
    this.firstBracket = Math.min(gracePeriod, sMax);
    int total = 0;
    int span = sMax - firstBracket;
    for (int b = firstBracket; b <= sMax; b++) {
      int s = sMax - b;
      long power = 1;
      for (int i = 0; i < s; i++) {
        power *= eta;
      }
      // ceil((span + 1) * eta^s / (s + 1)) in integers: no floating point in workflow code.
      int size = (int) (((span + 1) * power + s) / (s + 1));
      brackets.add(new SuccessiveHalving(minEpochs, eta, b, "hyperband bracket " + b));
      sizes.add(size);
      total += size;
    }
    this.cycle = total;
  }

  /** The bracket of trial {@code index}: its position in the current cycle of bracket sizes. */
  int bracket(int index) {
    int position = index % cycle;
    for (int i = 0; i < sizes.size(); i++) {
      if (position < sizes.get(i)) {
        return firstBracket + i;
      }
      position -= sizes.get(i);
    }
    throw new IllegalStateException("position beyond the cycle of " + cycle);
  }

  /** Trials per bracket in one cycle, most aggressive bracket first. */
  List<Integer> sizes() {
    return List.copyOf(sizes);
  }

  @Override
  public int nextReport(int index, int epoch, int epochs) {
    return halving(index).nextReport(index, epoch, epochs);
  }

  @Override
  public Optional<String> judge(int index, int epoch, double loss, Rungs rungs) {
    return halving(index).judgeInBracket(bracket(index), epoch, loss, rungs);
  }

  /** Only trials of the same bracket are compared. */
  @Override
  public boolean comparesWith(int index, int other) {
    return bracket(index) == bracket(other);
  }

  private SuccessiveHalving halving(int index) {
    return brackets.get(bracket(index) - firstBracket);
  }
}
