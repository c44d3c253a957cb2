package dev.modelsweep.workflow;

import dev.modelsweep.trial.TrialResult;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One trial: train to the epoch the sweep allows, report, and go on or stop as the sweep decides;
 * then evaluate. Its workflow id is {@code {sweepId}/{trialId}}. It reports to its sweep by
 * signal ({@link SweepWorkflow#trialReached}, {@link SweepWorkflow#trialEnded}) rather than by
 * its return value, so it keeps training while the sweep continues as new. A trial that cannot
 * finish (bad configuration, divergence, retries spent) ends {@code failed} with the reason
 * instead of failing, so the sweep goes on.
 */
@WorkflowInterface
public interface TrialWorkflow {

  @WorkflowMethod
  TrialResult run(TrialRun run);

  /** The sweep's answer to this trial's last {@link TrialReport}. */
  @SignalMethod
  void decide(TrialDecision decision);
}
