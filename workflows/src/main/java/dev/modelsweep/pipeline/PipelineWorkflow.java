package dev.modelsweep.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * A pipeline: validates the document once, then runs each stage when the stages it depends on
 * have completed, independent stages in parallel, and returns every stage's output. The workflow
 * id is the pipeline id; a sweep stage's child workflow is {@code <pipeline id>/<stage id>}.
 *
 * <p>The single argument is the document as plain JSON, so a pipeline can be started from the
 * Temporal Web UI (task queue {@value dev.modelsweep.workflow.SweepWorkflow#TASK_QUEUE}, encoding
 * {@code json/plain}). A malformed or invalid document fails the workflow at once with every
 * problem listed. A stage that fails fails the stages that depend on it; the others run on, and
 * the pipeline then fails with type {@value #STAGE_FAILED}, its {@link PipelineResult} as the
 * failure's details.
 */
@WorkflowInterface
public interface PipelineWorkflow {

  /** Workflow type name, as typed in the Web UI. */
  String TYPE = "PipelineWorkflow";

  /** Failure type of a pipeline in which a stage failed. */
  String STAGE_FAILED = "StageFailed";

  @WorkflowMethod(name = TYPE)
  PipelineResult run(JsonNode pipeline);

  /** Every stage's status and output, in document order; empty until the document is validated. */
  @QueryMethod
  List<StageState> stages();

  /** Update name of a person's approval of a waiting gate. */
  String APPROVE = "approve";
  /** Update name of a person's rejection of a waiting gate. */
  String REJECT = "reject";

  /**
   * Lets the waiting gate {@code stage} pass; the stages after it run. Refused by its validator,
   * before anything is recorded, when {@code stage} is not a stage of this pipeline, not a gate, or
   * a gate that is not waiting.
   */
  @UpdateMethod(name = APPROVE)
  void approve(String stage);

  @UpdateValidatorMethod(updateName = APPROVE)
  void validateApprove(String stage);

  /**
   * Fails the waiting gate {@code stage} with {@code reason} (may be null); the stages after it do
   * not run. Refused as {@link #approve} is.
   */
  @UpdateMethod(name = REJECT)
  void reject(String stage, String reason);

  @UpdateValidatorMethod(updateName = REJECT)
  void validateReject(String stage, String reason);
}
