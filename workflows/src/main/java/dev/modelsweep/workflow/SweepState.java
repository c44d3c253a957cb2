package dev.modelsweep.workflow;

import dev.modelsweep.trial.DatasetSummary;
import dev.modelsweep.trial.TrialResult;
import java.util.List;

/**
 * What a sweep carries into its next run when it continues as new, so that its history stays
 * bounded however many trials it runs. Small on purpose: counts, the data summary and the best
 * trials so far; every trial's artifacts stay on disk.
 *
 * @param dataset the data checked by the first run
 * @param started trials started in all earlier runs
 * @param completed trials finished in all earlier runs, whatever their status
 * @param failed of those, the failed ones
 * @param best the best finished trials so far, ranked, at most {@link SweepWorkflowImpl#KEEP_BEST}
 * @param paused whether a pause signal was in force
 * @param runs how many runs came before this one
 * @param epochsTrained epochs trained by all trials in earlier runs
 * @param history the optimization history so far (see {@link ProgressPoint})
 */
public record SweepState(
    DatasetSummary dataset,
    int started,
    int completed,
    int failed,
    List<TrialResult> best,
    boolean paused,
    int runs,
    long epochsTrained,
    List<ProgressPoint> history) {}
