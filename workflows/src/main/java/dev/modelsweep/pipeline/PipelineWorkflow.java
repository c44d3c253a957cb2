package dev.modelsweep.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.workflow.QueryMethod;
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
}
