package dev.modelsweep.client;

import dev.modelsweep.pipeline.PipelineParser;
import dev.modelsweep.pipeline.PipelineSpec;
import dev.modelsweep.pipeline.PipelineWorkflow;
import dev.modelsweep.workflow.SweepWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;

/**
 * Starts pipelines and finds them again by id, on the connection of a {@link SweepClient}:
 *
 * <pre>{@code
 * PipelineClient pipelines = PipelineClient.of(client.workflowClient());
 * PipelineHandle pipeline = pipelines.start(PipelineParser.parse(json));
 * PipelineResult result = pipeline.result();
 * }</pre>
 */
public final class PipelineClient {

  private final WorkflowClient client;

  private PipelineClient(WorkflowClient client) {
    this.client = client;
  }

  public static PipelineClient of(WorkflowClient client) {
    return new PipelineClient(client);
  }

  /** Starts a pipeline with a fresh id: its name and a random suffix. */
  public PipelineHandle start(PipelineSpec pipeline) {
    return start(pipeline, SweepClient.newSweepId(pipeline.name()));
  }

  /**
   * Starts a pipeline under the given id, which must not be in use, on the sweeps' task queue
   * ({@value SweepWorkflow#TASK_QUEUE}).
   */
  public PipelineHandle start(PipelineSpec pipeline, String pipelineId) {
    PipelineWorkflow workflow =
        client.newWorkflowStub(
            PipelineWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(pipelineId)
                .setTaskQueue(SweepWorkflow.TASK_QUEUE)
                .build());
    WorkflowClient.start(workflow::run, PipelineParser.toJson(pipeline));
    return handle(pipelineId);
  }

  /** A handle on a pipeline started earlier, from this process or any other. */
  public PipelineHandle handle(String pipelineId) {
    return new PipelineHandle(client, pipelineId);
  }

  /**
   * Whether the workflow with this id is a pipeline (rather than a sweep): its workflow type is
   * {@value PipelineWorkflow#TYPE}.
   *
   * @throws io.grpc.StatusRuntimeException NOT_FOUND when there is no such workflow
   */
  public boolean isPipeline(String workflowId) {
    return PipelineWorkflow.TYPE.equals(
        client.getWorkflowServiceStubs().blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(client.getOptions().getNamespace())
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                    .build())
            .getWorkflowExecutionInfo().getType().getName());
  }
}
