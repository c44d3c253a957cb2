package dev.modelsweep.workflow;

import dev.modelsweep.trial.DatasetSummary;
import dev.modelsweep.trial.TrialResult;
import java.util.List;

/**
 * What a finished sweep returns.
 *
 * @param sweepId the sweep (workflow) id
 * @param stopped true when a stop signal ended the sweep before its budget
 * @param dataset the data the trials learned
 * @param finishedTrials trials that finished, whatever their status, across all runs
 * @param trials the finished trials, best first (see {@link Leaderboard}); at most {@link
 *     SweepWorkflow#KEEP_BEST} when a long sweep continued as new
 * @param artifacts absolute path of the sweep's artifact folder on the worker that saved it
 * @param epochsTrained epochs trained by all trials, across all runs
 * @param history the optimization history: a point each time the leader changed
 * @param paretoFront with several objectives, the ids of the trials on the Pareto front, best
 *     first (see {@link Leaderboard}); empty for one objective
 */
public record SweepResult(
    String sweepId,
    String name,
    boolean stopped,
    DatasetSummary dataset,
    int finishedTrials,
    List<TrialResult> trials,
    String artifacts,
    long epochsTrained,
    List<ProgressPoint> history,
    List<String> paretoFront) {

  /** The best trial, or null when none finished. */
  public TrialResult best() {
    return trials.isEmpty() || trials.get(0).status() == TrialResult.Status.FAILED ? null : trials.get(0);
  }
}
