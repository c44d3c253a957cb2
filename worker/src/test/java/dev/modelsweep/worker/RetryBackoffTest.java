package dev.modelsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.modelsweep.activityapi.FailureTypes;
import io.temporal.client.ActivityCanceledException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.serviceclient.CheckedExceptionWrapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

  @Test
  void theWaitDoublesFromOneSecondToOneMinute() {
    assertEquals(Duration.ofSeconds(1), RetryBackoff.delayAfter(1));
    assertEquals(Duration.ofSeconds(2), RetryBackoff.delayAfter(2));
    assertEquals(Duration.ofSeconds(4), RetryBackoff.delayAfter(3));
    assertEquals(Duration.ofSeconds(32), RetryBackoff.delayAfter(6));
    assertEquals(Duration.ofMinutes(1), RetryBackoff.delayAfter(7));
    assertEquals(Duration.ofMinutes(1), RetryBackoff.delayAfter(Integer.MAX_VALUE));
  }

  @Test
  void anIoErrorIsReportedAsTheSdkWouldWithTheWaitForItsAttempt() {
    IOException cause = new IOException("No space left on device");
    UncheckedIOException thrown = new UncheckedIOException("cannot write epoch-0005.ckpt", cause);
    ApplicationFailure failure = (ApplicationFailure) RetryBackoff.withBackoff(thrown, 3);
    assertEquals(UncheckedIOException.class.getName(), failure.getType());
    assertEquals("cannot write epoch-0005.ckpt", failure.getOriginalMessage());
    assertSame(cause, failure.getCause());
    assertEquals(Duration.ofSeconds(4), failure.getNextRetryDelay());
    assertEquals(false, failure.isNonRetryable());
    assertEquals(thrown.getStackTrace()[0], failure.getStackTrace()[0]);
  }

  @Test
  void anErrorGetsTheWaitForItsAttemptToo() {
    OutOfMemoryError thrown = new OutOfMemoryError("Java heap space");
    ApplicationFailure failure = (ApplicationFailure) RetryBackoff.withBackoff(thrown, 2);
    assertEquals(OutOfMemoryError.class.getName(), failure.getType());
    assertEquals("Java heap space", failure.getOriginalMessage());
    assertEquals(Duration.ofSeconds(2), failure.getNextRetryDelay());
    assertEquals(false, failure.isNonRetryable());
  }

  @Test
  void aCheckedExceptionIsUnwrappedFirst() {
    RuntimeException wrapped = CheckedExceptionWrapper.wrap(new IOException("stale file handle"));
    ApplicationFailure failure = (ApplicationFailure) RetryBackoff.withBackoff(wrapped, 1);
    assertEquals(IOException.class.getName(), failure.getType());
    assertEquals("stale file handle", failure.getOriginalMessage());
    assertEquals(Duration.ofSeconds(1), failure.getNextRetryDelay());
  }

  @Test
  void aRetryableApplicationFailureKeepsItsTypeAndDetailsAndGetsTheWait() {
    ApplicationFailure thrown = ApplicationFailure.newFailure("store unreachable", "StoreDown", "s3://b/p");
    ApplicationFailure failure = (ApplicationFailure) RetryBackoff.withBackoff(thrown, 2);
    assertEquals("StoreDown", failure.getType());
    assertEquals("store unreachable", failure.getOriginalMessage());
    assertEquals("s3://b/p", failure.getDetails().get(String.class));
    assertEquals(Duration.ofSeconds(2), failure.getNextRetryDelay());
  }

  @Test
  void failuresThatAreNeverRetriedOrAlreadyTimedPassUntouched() {
    ApplicationFailure nonRetryable = ApplicationFailure.newNonRetryableFailure("bad", "Whatever");
    assertSame(nonRetryable, RetryBackoff.withBackoff(nonRetryable, 1));
    ApplicationFailure invalid = ApplicationFailure.newFailure("dataset: missing", FailureTypes.INVALID_SPEC);
    assertSame(invalid, RetryBackoff.withBackoff(invalid, 1));
    ApplicationFailure timed = ApplicationFailure.newFailureWithCauseAndDelay("later", "Busy", null, Duration.ofSeconds(9));
    assertSame(timed, RetryBackoff.withBackoff(timed, 1));
    ActivityCanceledException canceled = new ActivityCanceledException();
    assertSame(canceled, RetryBackoff.withBackoff(canceled, 1));
  }
}
