package dev.modelsweep.activities;

/**
 * A trial does not fit in memory: refused before training because its {@link
 * dev.modelsweep.activities.train.MemoryEstimate} is over the worker's budget, or stopped by an
 * {@link OutOfMemoryError} while it trained. The activity turns it into a non-retryable {@link
 * dev.modelsweep.activityapi.FailureTypes#OUT_OF_MEMORY} failure: the same trial on the same worker
 * would need the same memory again. The message says what to lower.
 */
public final class OutOfMemoryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public OutOfMemoryException(String message) {
    super(message);
  }
}
