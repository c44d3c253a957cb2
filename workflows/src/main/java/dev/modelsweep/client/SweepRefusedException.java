package dev.modelsweep.client;

/**
 * A sweep refused a pause, resume or stop: it is done, or stopping. The message says which sweep
 * and why; nothing changed.
 */
public final class SweepRefusedException extends RuntimeException {

  public SweepRefusedException(String sweepId, String action, String reason, Throwable cause) {
    super(sweepId + " refused " + action + ": " + reason, cause);
  }
}
