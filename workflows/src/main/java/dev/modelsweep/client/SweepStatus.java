package dev.modelsweep.client;

/**
 * A sweep's execution state as Temporal sees it.
 *
 * @param failure the reason, when {@code state} is FAILED
 */
public record SweepStatus(State state, String failure) {

  public enum State {
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELED,
    TERMINATED,
    TIMED_OUT
  }

  @Override
  public String toString() {
    return failure == null ? state.name().toLowerCase(java.util.Locale.ROOT)
        : state.name().toLowerCase(java.util.Locale.ROOT) + ": " + failure;
  }
}
