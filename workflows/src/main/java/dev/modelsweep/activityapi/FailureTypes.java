package dev.modelsweep.activityapi;

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

  /**
   * The trial does not fit in the worker's memory: its estimate is over {@code --max-memory}, or
   * it ran out while training. The same trial would run out again.
   */
  public static final String OUT_OF_MEMORY = "OutOfMemory";
  /**
   * A file or folder of the sweep's artifacts is not what it must be (a folder where a file
   * belongs, a file where a folder belongs, no permission): retrying finds it the same.
   */
  public static final String BROKEN_ARTIFACTS = "BrokenArtifacts";

  /**
   * Saving a sweep's results would replace a finished trial with a failure, so nothing was
   * written: a result is never overwritten with a worse one.
   */
  public static final String WOULD_LOSE_RESULTS = "WouldLoseResults";


  /** Bytes read from the artifact store do not match their digest: reading again cannot help. */
  public static final String CORRUPT_ARTIFACT = "CorruptArtifact";
  /** A pipeline stage asked for something this version cannot do (an operator not yet available). */
  public static final String UNSUPPORTED = "Unsupported";

  public static final String[] NON_RETRYABLE = {
    INVALID_SPEC, DIVERGED, OUT_OF_MEMORY, BROKEN_ARTIFACTS, WOULD_LOSE_RESULTS, CORRUPT_ARTIFACT, UNSUPPORTED
  };

  private FailureTypes() {}
}
