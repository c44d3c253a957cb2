package dev.modelsweep.workflow;

import dev.modelsweep.activityapi.FailureTypes;
import dev.modelsweep.activityapi.SuggestActivities;
import dev.modelsweep.activityapi.TrainingActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Activity stubs with ModelSweep's retry policies, 20 attempts each. A lost worker (a heartbeat or
 * start-to-close timeout) is retried after a tenth of a second, every time: the timeout already
 * waited, the worker was at fault and not the work, and the next attempt only needs a live worker
 * to take it. Failures the activity code throws (I/O errors that may heal) carry their own
 * backoff, 1 s doubling to 1 min, set by the worker's {@code RetryBackoff}; a bad spec or a
 * diverged trial is not retried at all.
 *
 * <p>The policies are not part of replay's command matching: histories recorded under earlier
 * ones (1 s doubling for every retry, then a constant 1 s) replay unchanged.
 */
public final class ActivityStubs {

  /** How long a retry after a timeout waits: the time a new attempt takes to be queued, no more. */
  static final Duration LOST_WORKER_WAIT = Duration.ofMillis(100);

  /** The wait after an attempt that threw a retryable failure; it doubles for each later one. */
  public static final Duration BACKOFF_FIRST = Duration.ofSeconds(1);

  /** The longest wait after a failure that activity code threw. */
  public static final Duration BACKOFF_LONGEST = Duration.ofMinutes(1);

  static final RetryOptions RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(LOST_WORKER_WAIT)
          .setBackoffCoefficient(1.0)
          .setMaximumInterval(LOST_WORKER_WAIT)
          .setMaximumAttempts(20)
          .setDoNotRetry(FailureTypes.NON_RETRYABLE)
          .build();

  /**
   * Local activities run on the workflow's own worker, so a timeout there is not a lost worker
   * (a dead worker's workflow task times out and replays instead): every failure backs off as
   * {@code RetryBackoff} backs off remote activities' failures.
   */
  static final RetryOptions LOCAL_RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(BACKOFF_FIRST)
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(BACKOFF_LONGEST)
          .setMaximumAttempts(20)
          .setDoNotRetry(FailureTypes.NON_RETRYABLE)
          .build();

  private ActivityStubs() {}

  /**
   * A stub for steps that take seconds to minutes (data checks, evaluation, saving results). They
   * heartbeat too, so that a killed worker costs {@code heartbeat}, not {@code startToClose}.
   */
  static TrainingActivities shortSteps(Duration startToClose, Duration heartbeat) {
    return stub(startToClose, heartbeat);
  }

  /**
   * A stub for training, which heartbeats every epoch and every few seconds within one; a worker
   * silent for {@code heartbeat} is presumed dead and the retry resumes from the newest checkpoint
   * elsewhere.
   */
  static TrainingActivities training(Duration heartbeat) {
    return stub(Duration.ofDays(7), heartbeat);
  }

  /**
   * A local-activity stub for model-based search (the gp strategy's fit): it runs on the worker
   * that runs the workflow and its answer is recorded in history. A fit takes well under a second;
   * 5 minutes bounds a pathological one.
   */
  static SuggestActivities suggest() {
    return Workflow.newLocalActivityStub(SuggestActivities.class,
        LocalActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(5))
            .setRetryOptions(LOCAL_RETRY)
            .build());
  }

  /**
   * A local-activity stub for validating a workflow's input ({@link SpecValidation}, {@code
   * PipelineValidation}): it runs on the workflow's worker, off the workflow thread, and its
   * answer is recorded in history. Validation answers rather than throws, so a failure here is a
   * crash of the worker's JVM (out of memory on a giant document): 1 minute per attempt, 3
   * attempts, then the workflow fails.
   */
  public static <T> T validation(Class<T> validation) {
    return Workflow.newLocalActivityStub(validation, LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(1))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
        .build());
  }

  private static TrainingActivities stub(Duration startToClose, Duration heartbeat) {
    return of(TrainingActivities.class, startToClose, heartbeat);
  }

  /**
   * A stub of any activity interface served on {@link TrainingActivities#TASK_QUEUE}, with the retry
   * policy for lost workers; for workflows of other packages (pipelines).
   */
  public static <T> T of(Class<T> activities, Duration startToClose, Duration heartbeat) {
    return Workflow.newActivityStub(
        activities, options(startToClose).setHeartbeatTimeout(heartbeat).build());
  }

  private static ActivityOptions.Builder options(Duration startToClose) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TrainingActivities.TASK_QUEUE)
        .setStartToCloseTimeout(startToClose)
        .setRetryOptions(RETRY);
  }
}
