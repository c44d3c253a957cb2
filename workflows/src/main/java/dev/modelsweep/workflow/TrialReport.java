package dev.modelsweep.workflow;

import dev.modelsweep.trial.EpochMetrics;

/**
 * A trial's signal to its sweep that it trained to the epoch it was told and waits for a {@link
 * TrialDecision}.
 *
 * @param index the trial's index
 * @param metrics what its last epoch measured
 */
public record TrialReport(int index, EpochMetrics metrics) {}
