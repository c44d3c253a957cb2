package dev.modelsweep.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelsweep.trial.TrialResult;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * A whole sweep: validates the spec, checks the data, asks the search strategy for trials, runs up
 * to {@code search.maxConcurrent} of them at a time as {@link TrialWorkflow} children and returns
 * the ranked leaderboard. The workflow id is the sweep id.
 *
 * <p>The single argument is the spec as plain JSON, so a sweep can be started from the Temporal
 * Web UI by pasting a spec file into the input box (encoding {@code json/plain}). A malformed or
 * invalid spec fails the workflow at once with every problem listed; it never hangs.
 *
 * <p>A long sweep continues as new whenever its history grows past a few thousand events (after
 * letting its running trials finish), carrying counts and the best trials, so history stays
 * bounded for sweeps of any length.
 */
@WorkflowInterface
public interface SweepWorkflow {

  /** Task queue of sweep and trial workflows. */
  String TASK_QUEUE = "modelsweep-sweeps";

  /** Workflow type name, as typed in the Web UI. */
  String TYPE = "SweepWorkflow";

  /**
   * Runs the sweep.
   *
   * @param spec the sweep spec as JSON
   * @param carried null when a sweep starts; the state handed over when a long sweep continues as
   *     new (see {@link SweepState})
   */
  @WorkflowMethod(name = TYPE)
  SweepResult run(JsonNode spec, SweepState carried);

  /** Counts and state of the sweep, cheap enough to poll every second. */
  @QueryMethod
  SweepProgress progress();

  /** Finished trials, best first. */
  @QueryMethod
  List<TrialResult> leaderboard();

  /** Start no new trials until {@link #resume()}; running trials go on. */
  @SignalMethod
  void pause();

  @SignalMethod
  void resume();

  /** Finish the running trials, start no more, and return the leaderboard so far. */
  @SignalMethod
  void stop();
}
