package dev.modelsweep.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.TrialResult;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;

/**
 * A whole sweep: validates the spec (once, recorded in history), checks the data, asks a {@link
 * dev.modelsweep.search.TrialScheduler} what to do (start a trial with the values its sampler
 * proposes, continue a trial past a rung, stop it), runs up to {@code search.maxConcurrent} trials
 * at a time as {@link TrialWorkflow} children and returns the ranked leaderboard. The workflow id
 * is the sweep id.
 *
 * <p>The single argument is the spec as plain JSON, so a sweep can be started from the Temporal
 * Web UI by pasting a spec file into the input box (encoding {@code json/plain}). A malformed or
 * invalid spec fails the workflow at once with every problem listed; it never hangs.
 *
 * <p>A long sweep continues as new whenever its history grows past a few thousand events, carrying
 * the scheduler's whole state and the best trials, so history stays bounded for sweeps of any
 * length. Running trials do not wait for it: they are children the sweep abandons rather than
 * ends, and they report to whichever run is current by signal, so every slot stays busy.
 */
@WorkflowInterface
public interface SweepWorkflow {

  /** Task queue of sweep and trial workflows. */
  String TASK_QUEUE = "modelsweep-sweeps";

  /** Workflow type name, as typed in the Web UI. */
  String TYPE = "SweepWorkflow";

  /** Best trials kept in the result and carried across continue-as-new; all stay on disk. */
  int KEEP_BEST = 200;

  /**
   * How long a workflow task may take before Temporal gives it to another worker: a worker killed
   * mid-task then costs no more than a killed training worker (the heartbeat timeout), capped at
   * Temporal's default of 10 s. Tasks take milliseconds; the spec parser is warmed up at start.
   */
  static Duration workflowTaskTimeout(SweepSpec spec) {
    return Duration.ofSeconds(Math.min(10, spec.trainingOrDefault().heartbeatTimeoutSecondsOrDefault()));
  }

  /**
   * Runs the sweep.
   *
   * @param spec the sweep spec as JSON
   * @param carried null when a sweep starts; the state handed over when a long sweep continues as
   *     new (see {@link SweepState})
   * @param scheduler null when a sweep starts; the scheduler's whole state when it continues as
   *     new, packed by {@link dev.modelsweep.search.SchedulerStateCodec} into a binary payload
   */
  @WorkflowMethod(name = TYPE)
  SweepResult run(JsonNode spec, SweepState carried, byte[] scheduler);

  /** Counts and state of the sweep, cheap enough to poll every second. */
  @QueryMethod
  SweepProgress progress();

  /** Finished trials, best first. */
  @QueryMethod
  List<TrialResult> leaderboard();

  /** The spec as validated, defaults not filled in; null while the sweep checks it. */
  @QueryMethod
  SweepSpec spec();

  /** Update name of {@link #pauseSweep()}. */
  String PAUSE = "pause";

  /** Update name of {@link #resumeSweep()}. */
  String RESUME = "resume";

  /** Update name of {@link #stopSweep()}. */
  String STOP = "stop";

  /**
   * Update: start no new trials until resumed; running trials finish. Acknowledged with the state
   * the sweep is in afterwards ({@code PAUSED}); pausing a paused sweep changes nothing.
   */
  @UpdateMethod(name = PAUSE)
  SweepProgress.State pauseSweep();

  /** Refuses {@link #pauseSweep()} with the reason once the sweep is stopping or done. */
  @UpdateValidatorMethod(updateName = PAUSE)
  void validatePause();

  /** Update: start trials again after {@link #pauseSweep()}; acknowledged with {@code RUNNING}. */
  @UpdateMethod(name = RESUME)
  SweepProgress.State resumeSweep();

  /** Refuses {@link #resumeSweep()} with the reason once the sweep is stopping or done. */
  @UpdateValidatorMethod(updateName = RESUME)
  void validateResume();

  /**
   * Update: start no more trials, stop each running one at its next report (it is evaluated there)
   * or let it finish, and return the leaderboard so far. Acknowledged with {@code STOPPING} (or
   * {@code DONE} when nothing was left to wait for).
   */
  @UpdateMethod(name = STOP)
  SweepProgress.State stopSweep();

  /** Refuses {@link #stopSweep()} with the reason once the sweep is done. */
  @UpdateValidatorMethod(updateName = STOP)
  void validateStop();

  /** Update name of {@link #changeEpochBudget(long)}. */
  String BUDGET = "budget";

  /**
   * Update: sets {@code search.epochBudget} to {@code epochs} from the next decision on. A raised
   * budget lets a sweep that had spent its old one start and continue trials again; a lowered one
   * stops trials at their next report once it is spent. The spec the sweep saves with its results
   * carries the new value. Acknowledged with the budget and the epochs trained so far.
   */
  @UpdateMethod(name = BUDGET)
  EpochBudget changeEpochBudget(long epochs);

  /**
   * Refuses {@link #changeEpochBudget(long)} with the reason: below 1, below the epochs already
   * trained or reserved by running trials, or once the sweep is stopping or done.
   */
  @UpdateValidatorMethod(updateName = BUDGET)
  void validateEpochBudget(long epochs);

  /** Signal form of {@link #pauseSweep()}, kept for callers from before the Updates. */
  @SignalMethod
  void pause();

  /** Signal form of {@link #resumeSweep()}. */
  @SignalMethod
  void resume();

  /** Signal form of {@link #stopSweep()}. */
  @SignalMethod
  void stop();

  /** Sent by a {@link TrialWorkflow} that trained to the epoch it was told; it waits for a decision. */
  @SignalMethod
  void trialReached(TrialReport report);

  /** Sent by a {@link TrialWorkflow} when it ends, whatever its status. */
  @SignalMethod
  void trialEnded(TrialResult result);
}
