package dev.modelsweep.workflow;

import com.uber.m3.tally.Scope;
import dev.modelsweep.trial.TrialResult;

/**
 * Names of ModelSweep's own metrics, reported through the Temporal SDK's metrics scope (so a
 * workflow's counts are not repeated when it replays) and served by the worker on {@code
 * /metrics} in Prometheus' format, where a counter gains the suffix {@code _total}.
 */
public final class SweepMetrics {

  /** Trial workflows started. */
  public static final String TRIALS_STARTED = "modelsweep_trials_started";
  /** Trials that ended completed or infeasible. */
  public static final String TRIALS_FINISHED = "modelsweep_trials_finished";
  /** Trials that ended failed. */
  public static final String TRIALS_FAILED = "modelsweep_trials_failed";
  /** Trials ended early by early stopping, the epoch budget or a stop. */
  public static final String TRIALS_STOPPED = "modelsweep_trials_stopped";
  /** Training attempts that resumed from a checkpoint after a lost or failed attempt. */
  public static final String TRIALS_RESUMED = "modelsweep_trials_resumed";
  /** Epochs trained (each epoch once, however often its trial was resumed). */
  public static final String EPOCHS_TRAINED = "modelsweep_epochs_trained";
  /**
   * Wall time of each train call, a timer: served as {@code modelsweep_training_seconds_sum} (the
   * seconds spent training) and {@code modelsweep_training_seconds_count} (the calls).
   */
  public static final String TRAINING = "modelsweep_training";
  /** Training slots busy now, per worker (a gauge). */
  public static final String SLOTS_BUSY = "modelsweep_training_slots_busy";
  /** Training slots of the worker (a gauge). */
  public static final String SLOTS = "modelsweep_training_slots";

  private SweepMetrics() {}

  /** Counts a trial that ended, by its status. */
  static void ended(Scope scope, TrialResult result) {
    String name = switch (result.status()) {
      case COMPLETED, INFEASIBLE -> TRIALS_FINISHED;
      case FAILED -> TRIALS_FAILED;
      case STOPPED -> TRIALS_STOPPED;
    };
    scope.counter(name).inc(1);
  }
}
