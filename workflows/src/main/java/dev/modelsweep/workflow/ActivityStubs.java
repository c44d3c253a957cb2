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
 * Activity stubs with the one retry policy ModelSweep uses, 20 attempts: a lost worker (a heartbeat
 * or start-to-close timeout) is retried after a second, every time, since the worker was at fault
 * and not the work; failures the activity code throws (I/O errors that may heal) carry their own
 * backoff, 1 s doubling to 1 min, set by the worker's {@code RetryBackoff}; a bad spec or a
 * diverged trial is not retried at all.
 *
 * <p>The policy is not part of replay's command matching: histories recorded under the earlier
 * policy (1 s doubling for every retry) replay unchanged.
 */
public final class ActivityStubs {

  static final RetryOptions RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(1.0)
          .setMaximumInterval(Duration.ofSeconds(1))
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
        LocalActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(5)).setRetryOptions(RETRY).build());
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
   * A stub of any activity interface served on {@link TrainingActivities#TASK_QUEUE}, with the one
   * retry policy; for workflows of other packages (pipelines).
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
