package dev.modelsweep.client;

import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.TrialResult;
import dev.modelsweep.workflow.EpochBudget;
import dev.modelsweep.workflow.SweepProgress;
import dev.modelsweep.workflow.SweepResult;
import dev.modelsweep.workflow.SweepWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import dev.modelsweep.workflow.SweepSearchAttributes;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A running or finished sweep, found by id. Cheap to create; holds no resources. */
public final class SweepHandle {

  private final WorkflowClient client;
  private final String id;

  SweepHandle(WorkflowClient client, String id) {
    this.client = client;
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The sweep's progress; blocks until a worker answers the query. */
  public SweepProgress progress() {
    return workflow().progress();
  }

  /**
   * The sweep's progress, or empty when no worker answers within {@code timeout}: a query waits
   * for a worker to run it, and a sweep whose workers are all down would otherwise block the
   * caller for about a minute.
   */
  public Optional<SweepProgress> progress(Duration timeout) {
    return Queries.within(timeout, this::progress);
  }

  /** When the sweep started, as the service recorded it. */
  public Instant startTime() {
    return untyped().describe().getStartTime();
  }

  /** Finished trials, best first. */
  public List<TrialResult> leaderboard() {
    return workflow().leaderboard();
  }

  /** {@link #leaderboard()}, or empty when no worker answers within {@code timeout}. */
  public Optional<List<TrialResult>> leaderboard(Duration timeout) {
    return Queries.within(timeout, this::leaderboard);
  }

  /** The sweep's validated spec, or empty while it is checked or when no worker answers within {@code timeout}. */
  public Optional<SweepSpec> spec(Duration timeout) {
    return Queries.within(timeout, () -> workflow().spec());
  }

  /** Waits for the sweep to finish; throws {@link SweepFailedException} if it failed. */
  public SweepResult result() {
    try {
      return untyped().getResult(SweepResult.class);
    } catch (WorkflowFailedException e) {
      throw new SweepFailedException(id, FailureMessages.innermostMessage(e), e);
    }
  }

  /** Waits at most {@code timeout} for the sweep to finish. */
  public SweepResult result(Duration timeout) throws TimeoutException {
    try {
      return untyped().getResult(timeout.toMillis(), TimeUnit.MILLISECONDS, SweepResult.class);
    } catch (WorkflowFailedException e) {
      throw new SweepFailedException(id, FailureMessages.innermostMessage(e), e);
    }
  }

  /**
   * Whether the sweep runs, completed or failed, and why it failed.
   *
   * @throws IllegalArgumentException if the id names a workflow that is not a sweep, such as a
   *     trial ({@code SWEEP/t000}); the message names the sweep to ask instead
   */
  public SweepStatus status() {
    return status(SweepWorkflow.TYPE, "sweep");
  }

  /** The status of this id's workflow, which must be of {@code type} (a {@code noun}). */
  SweepStatus status(String type, String noun) {
    WorkflowExecutionInfo info =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(client.getOptions().getNamespace())
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id))
                    .build())
            .getWorkflowExecutionInfo();
    String actual = info.getType().getName();
    if (!type.equals(actual)) {
      int slash = id.lastIndexOf('/');
      throw new IllegalArgumentException(id + " is a " + actual + ", not a " + noun
          + (slash > 0 ? ": trial " + id.substring(slash + 1) + " of sweep " + id.substring(0, slash)
              + "; ask for the sweep by its id, " + id.substring(0, slash) : "; give a " + noun + "'s id"));
    }
    WorkflowExecutionStatus status = info.getStatus();
    return switch (status) {
      case WORKFLOW_EXECUTION_STATUS_RUNNING -> new SweepStatus(
          "paused".equals(new WorkflowExecutionMetadata(info, client.getOptions().getDataConverter())
              .getTypedSearchAttributes().get(SweepSearchAttributes.STATE))
              ? SweepStatus.State.PAUSED : SweepStatus.State.RUNNING, null);
      case WORKFLOW_EXECUTION_STATUS_COMPLETED -> new SweepStatus(SweepStatus.State.COMPLETED, null);
      case WORKFLOW_EXECUTION_STATUS_FAILED -> new SweepStatus(SweepStatus.State.FAILED, failureOfFinished());
      case WORKFLOW_EXECUTION_STATUS_CANCELED -> new SweepStatus(SweepStatus.State.CANCELED, null);
      case WORKFLOW_EXECUTION_STATUS_TERMINATED -> new SweepStatus(SweepStatus.State.TERMINATED, null);
      case WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> new SweepStatus(SweepStatus.State.TIMED_OUT, null);
      default -> new SweepStatus(SweepStatus.State.RUNNING, null);
    };
  }

  /**
   * Starts no new trials until {@link #resume()}; running trials finish. Sent as the {@code pause}
   * Update, so it returns once the sweep acknowledged it.
   *
   * @return the sweep's state afterwards ({@code PAUSED})
   * @throws SweepRefusedException when the sweep is stopping or done, with the reason
   */
  public SweepProgress.State pause() {
    return control(SweepWorkflow.PAUSE, () -> workflow().pauseSweep());
  }

  /**
   * Starts trials again after {@link #pause()} (the {@code resume} Update).
   *
   * @return the sweep's state afterwards ({@code RUNNING})
   * @throws SweepRefusedException when the sweep is stopping or done, with the reason
   */
  public SweepProgress.State resume() {
    return control(SweepWorkflow.RESUME, () -> workflow().resumeSweep());
  }

  /**
   * Finish the running trials, start no more; {@link #result()} then returns what finished (the
   * {@code stop} Update).
   *
   * @return the sweep's state afterwards ({@code STOPPING}, or {@code DONE})
   * @throws SweepRefusedException when the sweep is done, with the reason
   */
  public SweepProgress.State stop() {
    return control(SweepWorkflow.STOP, () -> workflow().stopSweep());
  }

  /**
   * Sets the sweep's {@code search.epochBudget} to {@code epochs} (the {@code budget} Update): a
   * raised budget lets a sweep that had spent its old one go on; a lowered one stops trials at
   * their next report once it is spent.
   *
   * @return the budget and the epochs trained when the sweep took it
   * @throws SweepRefusedException when {@code epochs} is below 1 or below what is already trained
   *     or reserved, or the sweep is stopping or done, with the reason
   */
  public EpochBudget changeEpochBudget(long epochs) {
    return control(SweepWorkflow.BUDGET, () -> workflow().changeEpochBudget(epochs));
  }

  /**
   * Cancels the sweep and the trials it runs now: they end as canceled at their next step, and
   * nothing more is saved. {@link #stop()} is the way that keeps results.
   */
  public void cancel() {
    List<String> running = progress(Duration.ofSeconds(3)).map(SweepProgress::running).orElse(List.of());
    untyped().cancel();
    for (String trial : running) {
      try {
        client.newUntypedWorkflowStub(id + "/" + trial).cancel();
      } catch (WorkflowException e) {
        // It ended meanwhile: nothing to cancel.
      }
    }
  }

  /**
   * Runs an Update, turning a refusal (its validator's reason) or a sweep that is already closed
   * into a {@link SweepRefusedException}.
   */
  private <T> T control(String action, java.util.function.Supplier<T> update) {
    try {
      return update.get();
    } catch (WorkflowUpdateException e) {
      throw new SweepRefusedException(id, action, FailureMessages.innermostMessage(e), e);
    } catch (WorkflowException e) {
      // A closed sweep answers no Update; say what it is instead of the server's wording.
      SweepStatus status = status();
      if (!status.running()) {
        throw new SweepRefusedException(id, action, "the sweep is " + status + "; nothing to " + action, e);
      }
      throw e;
    }
  }

  private String failureOfFinished() {
    try {
      untyped().getResult(1, TimeUnit.SECONDS, SweepResult.class);
      return null;
    } catch (WorkflowFailedException e) {
      return FailureMessages.innermostMessage(e);
    } catch (TimeoutException e) {
      return null;
    }
  }

  private SweepWorkflow workflow() {
    return client.newWorkflowStub(SweepWorkflow.class, id);
  }

  private WorkflowStub untyped() {
    return client.newUntypedWorkflowStub(id);
  }
}
