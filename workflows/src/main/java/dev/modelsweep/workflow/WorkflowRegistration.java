package dev.modelsweep.workflow;

import dev.modelsweep.pipeline.PipelineValidationImpl;
import dev.modelsweep.pipeline.PipelineWorkflowImpl;
import io.temporal.common.converter.DataConverterException;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;

/** Registers ModelSweep's workflows on a worker, the one way workers and tests do it. */
public final class WorkflowRegistration {

  private WorkflowRegistration() {}

  /**
   * Registers {@link SweepWorkflowImpl}, {@link TrialWorkflowImpl}, {@link PipelineWorkflowImpl},
   * and their local activities {@link SpecValidation} and {@code PipelineValidation} (local
   * activities run on the worker of their workflow). An argument that is not JSON of the right shape fails the workflow at once
   * with the converter's message, instead of failing its first workflow task and retrying it
   * forever while the sweep shows Running.
   */
  public static void register(Worker worker) {
    worker.registerWorkflowImplementationTypes(
        WorkflowImplementationOptions.newBuilder()
            .setFailWorkflowExceptionTypes(DataConverterException.class)
            .build(),
        SweepWorkflowImpl.class,
        TrialWorkflowImpl.class,
        PipelineWorkflowImpl.class);
    worker.registerActivitiesImplementations(new SpecValidationImpl(), new PipelineValidationImpl());
  }
}
