package dev.modelsweep.activities.store;

import java.io.IOException;

/**
 * Bytes read from the store do not match their digest. Reading again cannot help: activities
 * report it as the non-retryable {@link dev.modelsweep.activityapi.FailureTypes#CORRUPT_ARTIFACT}.
 */
public final class CorruptArtifactException extends IOException {

  private static final long serialVersionUID = 1L;

  public CorruptArtifactException(String message) {
    super(message);
  }
}
