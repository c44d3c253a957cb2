package dev.modelsweep.worker;

import dev.modelsweep.activityapi.FailureTypes;
import dev.modelsweep.workflow.ActivityStubs;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import io.temporal.serviceclient.CheckedExceptionWrapper;
import java.time.Duration;
import java.util.Set;

/**
 * Backoff for the failures of activity code, while a lost worker is retried at once.
 *
 * <p>The activities' retry policy waits a constant tenth of a second between attempts, which is
 * what a timeout (a worker that died or was preempted, noticed by its heartbeat timeout) gets: the
 * worker was at fault, not the trial, and a trial whose workers are killed again and again must
 * resume as promptly the fourth time as the first. A failure the activity throws itself (a failing
 * disk, a stale mount, an unreachable store) may need time to heal, so this gives it a backoff: 1 s
 * after the first attempt, doubling to at most 1 min. Failures that are never retried pass
 * untouched.
 */
public final class RetryBackoff extends WorkerInterceptorBase {

  private static final Set<String> NEVER_RETRIED = Set.of(FailureTypes.NON_RETRYABLE);

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private int attempt = 1;

      @Override
      public void init(ActivityExecutionContext context) {
        // The context is bound to the activity's own call, so the attempt is read here.
        attempt = context.getInfo().getAttempt();
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        try {
          return super.execute(input);
        } catch (RuntimeException | Error e) {
          throw withBackoff(e, attempt);
        }
      }
    };
  }

  /** The wait after attempt {@code attempt} (1-based) failed. */
  static Duration delayAfter(int attempt) {
    int doublings = Math.min(Math.max(attempt - 1, 0), 16);
    Duration delay = ActivityStubs.BACKOFF_FIRST.multipliedBy(1L << doublings);
    return delay.compareTo(ActivityStubs.BACKOFF_LONGEST) > 0 ? ActivityStubs.BACKOFF_LONGEST : delay;
  }

  /**
   * {@code thrown} as the failure the SDK would report for it (same type, message, cause and stack
   * trace), with the wait before the next attempt; unchanged when it is not retried at all. An
   * {@link Error} (out of memory, a native library that failed to load) is reported the same way:
   * it may heal when other trials free memory, and must not be retried every tenth of a second.
   */
  static RuntimeException withBackoff(Throwable thrown, int attempt) {
    if (thrown instanceof ActivityCompletionException completion) {
      return completion; // the activity was canceled or timed out: the SDK reports that itself
    }
    Throwable failure = CheckedExceptionWrapper.unwrap(thrown);
    if (failure instanceof ApplicationFailure application) {
      if (application.isNonRetryable() || application.getNextRetryDelay() != null
          || NEVER_RETRIED.contains(application.getType())) {
        return application;
      }
      return ApplicationFailure.newBuilder(application).setNextRetryDelay(delayAfter(attempt)).build();
    }
    // Named by its class, as the SDK names it; never one of the non-retryable types.
    ApplicationFailure delayed = ApplicationFailure.newFailureWithCauseAndDelay(
        failure.getMessage() == null ? "" : failure.getMessage(), failure.getClass().getName(),
        failure.getCause(), delayAfter(attempt));
    delayed.setStackTrace(failure.getStackTrace());
    return delayed;
  }
}
