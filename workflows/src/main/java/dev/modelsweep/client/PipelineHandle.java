package dev.modelsweep.client;

import dev.modelsweep.pipeline.PipelineResult;
import dev.modelsweep.pipeline.PipelineWorkflow;
import dev.modelsweep.pipeline.StageState;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A running or finished pipeline, found by id. Cheap to create; holds no resources. */
public final class PipelineHandle {

  private final WorkflowClient client;
  private final String id;

  PipelineHandle(WorkflowClient client, String id) {
    this.client = client;
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** Whether the pipeline runs, completed or failed, and why it failed. */
  public SweepStatus status() {
    return new SweepHandle(client, id).status(PipelineWorkflow.TYPE, "pipeline");
  }

  /** Every stage's status and output; blocks until a worker answers the query. */
  public List<StageState> stages() {
    return client.newWorkflowStub(PipelineWorkflow.class, id).stages();
  }

  /** {@link #stages()}, or empty when no worker answers within {@code timeout}. */
  public Optional<List<StageState>> stages(Duration timeout) {
    return Queries.within(timeout, this::stages);
  }

  /**
   * Lets the waiting gate {@code stage} pass (the Update {@code approve}).
   *
   * @throws io.temporal.client.WorkflowUpdateException when the pipeline refuses it: no such stage,
   *     not a gate, or a gate that is not waiting; the cause says which
   */
  public void approve(String stage) {
    client.newWorkflowStub(PipelineWorkflow.class, id).approve(stage);
  }

  /** Fails the waiting gate {@code stage} with {@code reason} (may be null); refused as {@link #approve} is. */
  public void reject(String stage, String reason) {
    client.newWorkflowStub(PipelineWorkflow.class, id).reject(stage, reason);
  }

  /**
   * Waits for the pipeline to finish and returns every stage, also when a stage failed (then the
   * failed stages say why, and the others keep their outputs).
   *
   * @throws SweepFailedException if the pipeline failed without running its stages: an invalid
   *     document, every problem in the message
   */
  public PipelineResult outcome() {
    try {
      return client.newUntypedWorkflowStub(id).getResult(PipelineResult.class);
    } catch (WorkflowFailedException e) {
      if (FailureMessages.innermost(e) instanceof ApplicationFailure app && PipelineWorkflow.STAGE_FAILED.equals(app.getType())) {
        return app.getDetails().get(PipelineResult.class);
      }
      throw new SweepFailedException(id, FailureMessages.innermostMessage(e), e);
    }
  }

  /**
   * Waits for the pipeline to finish.
   *
   * @throws SweepFailedException if it failed, with the reason: the invalid document's problems, or
   *     the failed stages and why
   */
  public PipelineResult result() {
    PipelineResult result = outcome();
    if (!result.failed().isEmpty()) {
      throw new SweepFailedException(id, status().failure(), null);
    }
    return result;
  }
}
