package dev.modelsweep.client;

/** A sweep ended in failure; the message is the reason (for a bad spec: every problem). */
public final class SweepFailedException extends RuntimeException {

  private final String sweepId;

  public SweepFailedException(String sweepId, String reason, Throwable cause) {
    super(sweepId + " failed: " + reason, cause);
    this.sweepId = sweepId;
  }

  public String sweepId() {
    return sweepId;
  }
}
