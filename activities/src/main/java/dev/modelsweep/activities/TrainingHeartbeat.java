package dev.modelsweep.activities;

import dev.modelsweep.trial.EpochMetrics;

/**
 * Heartbeat details of a training activity, as seen in the Temporal UI and by {@code
 * DescribeWorkflowExecution}. Informational only: a retried attempt resumes from the checkpoint
 * files, not from these details, because the last heartbeats before a crash may never reach the
 * server.
 *
 * @param epoch the epoch in progress or just finished, 1-based
 * @param step updates done in that epoch
 * @param steps updates per epoch
 * @param metrics the last finished epoch's metrics, null before the first one ends
 * @param checkpoint the newest checkpoint written by this attempt, relative to the artifact root,
 *     or null
 */
public record TrainingHeartbeat(int epoch, int step, int steps, EpochMetrics metrics, String checkpoint) {}
