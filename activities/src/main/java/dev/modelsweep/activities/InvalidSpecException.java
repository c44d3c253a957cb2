package dev.modelsweep.activities;

/**
 * The spec or its data cannot work. The message names the spec field and says how to fix it,
 * e.g. {@code dataset.label: no column named 'y'; the header has [a, b, c]}. The activity turns
 * it into a non-retryable {@link dev.modelsweep.activityapi.FailureTypes#INVALID_SPEC} failure:
 * retrying cannot help.
 */
public final class InvalidSpecException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InvalidSpecException(String message) {
    super(message);
  }

  public InvalidSpecException(String message, Throwable cause) {
    super(message, cause);
  }
}
