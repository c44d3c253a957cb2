package dev.modelsweep.client;

/**
 * A sweep's execution state as Temporal sees it.
 *
 * @param failure the reason, when {@code state} is FAILED
 */
public record SweepStatus(State state, String failure) {

  public enum State {
    RUNNING,
    /** Running, but paused: it starts no new trials until resumed (sweeps only). */
    PAUSED,
    COMPLETED,
    FAILED,
    CANCELED,
    TERMINATED,
    TIMED_OUT
  }

  /** Whether the workflow still runs, paused or not. */
  public boolean running() {
    return state == State.RUNNING || state == State.PAUSED;
  }

  @Override
  public String toString() {
    return failure == null ? state.name().toLowerCase(java.util.Locale.ROOT)
        : state.name().toLowerCase(java.util.Locale.ROOT) + ": " + failure;
  }
}
