package dev.modelsweep.activity;

/**
 * {@link io.temporal.failure.ApplicationFailure} types that activities raise. Workflows list
 * the non-retryable ones in their retry options, so a bad spec or a diverged trial fails once and
 * is recorded, while lost workers and I/O errors are retried with backoff.
 */
public final class FailureTypes {
  /** The spec or its data cannot work: a missing file, a bad label column, a wrong shape. */
  public static final String INVALID_SPEC = "InvalidSpec";
  /** Training produced a NaN or infinite loss. */
  public static final String DIVERGED = "Diverged";

  public static final String[] NON_RETRYABLE = {INVALID_SPEC, DIVERGED};

  private FailureTypes() {}
}
