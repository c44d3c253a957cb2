package dev.modelsweep.workflow;

import dev.modelsweep.spec.ObjectiveSpec;
import dev.modelsweep.trial.TrialConfig;
import dev.modelsweep.trial.TrialResult;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One trial: train, then evaluate. Its workflow id is {@code {sweepId}/{trialId}}. A trial that
 * cannot finish (bad configuration, divergence, retries spent) returns a {@code FAILED} result
 * with the reason instead of failing, so the sweep goes on.
 */
@WorkflowInterface
public interface TrialWorkflow {

  @WorkflowMethod
  TrialResult run(TrialConfig trial, ObjectiveSpec objective);
}
