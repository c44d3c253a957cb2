package dev.modelsweep.workflow;

/**
 * A sweep's epoch budget as a {@link SweepWorkflow#changeEpochBudget budget} Update left it.
 *
 * @param epochBudget {@code search.epochBudget}: epochs all trials together may train
 * @param epochsTrained epochs trained so far
 */
public record EpochBudget(long epochBudget, long epochsTrained) {}
