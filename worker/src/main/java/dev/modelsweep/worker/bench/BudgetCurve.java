package dev.modelsweep.worker.bench;

import dev.modelsweep.workflow.ProgressPoint;
import java.util.List;
import java.util.Map;

/**
 * Quality against compute for one sweep: the test accuracy of the trial that led on validation
 * after a given number of trained epochs. Pure arithmetic over {@code SweepResult.history()} (a
 * point each time the leader changed, with the epochs trained by then) and each trial's {@code
 * test_accuracy}.
 *
 * @param budget the epoch budget the fractions refer to
 * @param startMillis when the sweep was started, on the clock of the points' {@code atMillis} (the
 *     embedded service runs in the benchmark's process, so both are this machine's clock)
 * @param history the sweep's leader changes, in order
 * @param testAccuracy test accuracy by trial id
 */
public record BudgetCurve(long budget, long startMillis, List<ProgressPoint> history, Map<String, Double> testAccuracy) {

  public BudgetCurve {
    history = List.copyOf(history);
    testAccuracy = Map.copyOf(testAccuracy);
  }

  /**
   * The leader's test accuracy once {@code fraction} of the budget was trained: the last leader
   * change at or below {@code fraction * budget} epochs. NaN when no trial had ended by then.
   */
  public double accuracyAt(double fraction) {
    double limit = fraction * budget;
    double value = Double.NaN;
    for (ProgressPoint p : history) {
      if (p.epochsTrained() > limit + 1e-9) {
        break;
      }
      value = testAccuracy.getOrDefault(p.bestTrial(), Double.NaN);
    }
    return value;
  }

  /**
   * The share of the budget trained when the leader first had a test accuracy of at least {@code
   * target}; infinite when it never did.
   */
  public double shareToReach(double target) {
    ProgressPoint p = firstReaching(target);
    return p == null ? Double.POSITIVE_INFINITY : (double) p.epochsTrained() / budget;
  }

  /**
   * Wall seconds from the start until the leader first had a test accuracy of at least {@code
   * target}; infinite when it never did. This is what more training slots buy: the same epochs,
   * sooner.
   */
  public double secondsToReach(double target) {
    ProgressPoint p = firstReaching(target);
    return p == null ? Double.POSITIVE_INFINITY : (p.atMillis() - startMillis) / 1000.0;
  }

  /**
   * The trial that was the first leader with a test accuracy of at least {@code target}; null when
   * none was.
   */
  public String leaderReaching(double target) {
    ProgressPoint p = firstReaching(target);
    return p == null ? null : p.bestTrial();
  }

  private ProgressPoint firstReaching(double target) {
    for (ProgressPoint p : history) {
      Double acc = testAccuracy.get(p.bestTrial());
      if (acc != null && acc >= target) {
        return p;
      }
    }
    return null;
  }
}
