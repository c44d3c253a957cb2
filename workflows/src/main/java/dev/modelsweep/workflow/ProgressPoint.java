package dev.modelsweep.workflow;

/**
 * One step of a sweep's optimization history: recorded when a trial ends and the leader changes,
 * so the list stays short (it grows with improvements, not with trials) and answers "how good was
 * the sweep after spending E epochs" for any E: the last point at or below E.
 *
 * @param trialsEnded trials ended so far, whatever their status
 * @param epochsTrained epochs really trained so far by all trials (resumed epochs count once)
 * @param bestTrial id of the leading trial from then on
 * @param bestValue its objective value (the first objective's, for several)
 * @param atMillis the workflow's clock ({@code Workflow.currentTimeMillis}, replay-safe) when the
 *     point was recorded, so that time-to-quality can be read as well as epochs-to-quality; 0 in
 *     points recorded before this field existed
 */
public record ProgressPoint(int trialsEnded, long epochsTrained, String bestTrial, double bestValue, long atMillis) {}
