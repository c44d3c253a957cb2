package dev.modelsweep.activities;

/**
 * Training produced a NaN or infinite loss. The activity turns it into a non-retryable {@link
 * dev.modelsweep.activityapi.FailureTypes#DIVERGED} failure: the run is deterministic, so a retry
 * would diverge at the same step.
 */
public final class DivergedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int epoch;

  /**
   * @param epoch 1-based epoch in which the loss stopped being finite
   * @param what which loss, e.g. "training loss at step 12"
   * @param value the offending value
   */
  public DivergedException(int epoch, String what, double value) {
    super("loss is " + value + " (" + what + ") at epoch " + epoch
        + "; lower optimizer.learningRate, add a warm-up schedule, or turn on model.batchNorm");
    this.epoch = epoch;
  }

  public int epoch() {
    return epoch;
  }
}
