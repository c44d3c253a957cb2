package dev.modelsweep.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** Where a stage is; the words are those of trials and sweeps. */
public enum StageStatus {
  /** Waiting for the stages it depends on. */
  @JsonProperty("pending") PENDING,
  /** Started: its child workflow or activities are working. */
  @JsonProperty("running") RUNNING,
  /** A gate waiting for a person: the Update {@code approve} or {@code reject}, or its timeout. */
  @JsonProperty("waiting") WAITING,
  /** Done; its output is set. */
  @JsonProperty("completed") COMPLETED,
  /** Did not finish, or never started because a stage it depends on failed; the reason says which. */
  @JsonProperty("failed") FAILED;

  /** The status word, as JSON and the CLI write it. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
