package dev.modelsweep.workflow;

import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.DatasetSummary;
import dev.modelsweep.trial.TrialResult;
import java.util.List;

/**
 * What a sweep carries into its next run when it continues as new, so that its history stays
 * bounded however many trials it runs: the spec as validated once, and for the leaderboard the
 * best trials; every trial's artifacts stay on disk. The scheduler's whole state (every
 * observation, the rung values, the running trials, which keep training through the handover)
 * travels beside it as compact bytes.
 *
 * @param spec the spec, parsed and validated by the first run; later runs never validate again
 * @param dataset the data checked by the first run
 * @param ended trials ended in all earlier runs, whatever their status
 * @param failed of those, the failed ones
 * @param best the best ended trials so far, ranked, at most {@link SweepWorkflow#KEEP_BEST}
 * @param paused whether a pause signal was in force
 * @param runs how many runs came before this one
 * @param history the optimization history so far (see {@link ProgressPoint})
 * @param unanswered reports of running trials that arrived during the handover, for the next run
 *     to answer first
 */
public record SweepState(
    SweepSpec spec,
    DatasetSummary dataset,
    int ended,
    int failed,
    List<TrialResult> best,
    boolean paused,
    int runs,
    List<ProgressPoint> history,
    List<TrialReport> unanswered) {

  /** The state a sweep starts from, once its spec and data are checked. */
  static SweepState initial(SweepSpec spec, DatasetSummary dataset) {
    return new SweepState(spec, dataset, 0, 0, List.of(), false, 0, List.of(), List.of());
  }
}
