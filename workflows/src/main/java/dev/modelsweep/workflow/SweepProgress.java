package dev.modelsweep.workflow;

import dev.modelsweep.trial.TrialResult;
import java.util.List;

/**
 * Where a sweep stands.
 *
 * @param state what the sweep is doing now
 * @param planned trials the strategy plans in all (the budget)
 * @param started trials started so far
 * @param completed trials finished, whatever their status
 * @param failed trials that failed
 * @param running ids of trials training now
 * @param best the best finished trial so far, or null
 * @param metric the objective's (first) metric, by which {@code best} leads, such as {@code val_accuracy}
 */
public record SweepProgress(
    State state, int planned, int started, int completed, int failed, List<String> running, TrialResult best,
    String metric) {

  public enum State {
    /** Checking the spec and the data. */
    PREPARING,
    RUNNING,
    /** Paused by a signal: running trials finish, no new ones start. */
    PAUSED,
    /** Stopped by a signal: waiting for running trials, then done. */
    STOPPING,
    DONE
  }
}
