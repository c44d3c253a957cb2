package dev.modelsweep.activities;

import dev.modelsweep.activities.store.CorruptArtifactException;
import dev.modelsweep.activityapi.FailureTypes;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;

/**
 * How the store-facing activities (pipeline, registry) run a step: heartbeats every second, and
 * their exceptions turned into failures.
 *
 * <ul>
 *   <li>{@link InvalidSpecException} → non-retryable {@link FailureTypes#INVALID_SPEC}
 *   <li>{@link CorruptArtifactException} → non-retryable {@link FailureTypes#CORRUPT_ARTIFACT}
 *   <li>{@link IOException} and anything else → retryable
 * </ul>
 */
final class ActivitySteps {

  @FunctionalInterface
  interface Body<T> {
    T get() throws IOException;
  }

  private ActivitySteps() {}

  @SuppressWarnings("try") // the ticker beats for the try's scope, never referenced
  static <T> T step(Body<T> body) {
    try (HeartbeatTicker ticker = HeartbeatTicker.start(Activity.getExecutionContext())) {
      return body.get();
    } catch (InvalidSpecException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.INVALID_SPEC);
    } catch (CorruptArtifactException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.CORRUPT_ARTIFACT);
    } catch (IOException e) {
      throw Activity.wrap(e);
    }
  }
}
