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

  /** Bytes read from the artifact store do not match their digest: reading again cannot help. */
  public static final String CORRUPT_ARTIFACT = "CorruptArtifact";
  /** A pipeline stage asked for something this version cannot do (an operator not yet available). */
  public static final String UNSUPPORTED = "Unsupported";

  public static final String[] NON_RETRYABLE = {INVALID_SPEC, DIVERGED, CORRUPT_ARTIFACT, UNSUPPORTED};

  private FailureTypes() {}
}
