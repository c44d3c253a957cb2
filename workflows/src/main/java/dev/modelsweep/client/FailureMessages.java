package dev.modelsweep.client;

import io.temporal.failure.ApplicationFailure;

/**
 * What a failure that crossed Temporal says: the message of its innermost cause (a validation
 * report, a missing file, a refused Update's reason), without the wrappers Temporal adds (workflow
 * failed, activity failed, Update failed) or their decorations.
 */
public final class FailureMessages {

  private FailureMessages() {}

  /** The innermost cause of {@code failure}: itself when it has none. */
  public static Throwable innermost(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** The innermost cause's message; an {@link ApplicationFailure}'s as it was raised. */
  public static String innermostMessage(Throwable failure) {
    Throwable t = innermost(failure);
    return t instanceof ApplicationFailure app ? app.getOriginalMessage() : t.getMessage();
  }
}
