package dev.modelsweep.workflow;

import dev.modelsweep.spec.ObjectiveSpec;
import dev.modelsweep.trial.TrialConfig;

/**
 * What a {@link TrialWorkflow} is started with.
 *
 * @param trial the trial's configuration
 * @param objective how it is judged (the metric, and constraints that make it infeasible)
 * @param untilEpoch train this far, then report to the sweep and wait for its decision; the
 *     trial's last epoch trains it through without a report
 */
public record TrialRun(TrialConfig trial, ObjectiveSpec objective, int untilEpoch) {}
