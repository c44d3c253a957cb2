package dev.modelsweep.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How each trial trains.
 *
 * @param epochs passes over the training split; default 20
 * @param batchSize examples per update, or {@code "full"} for full-batch gradient descent;
 *     default 32
 * @param checkpointEvery write a checkpoint every this many epochs (and always after the last);
 *     default 1. A killed worker loses at most this many epochs of work.
 * @param heartbeatTimeoutSeconds a training worker silent for this long is presumed dead and the
 *     trial resumes elsewhere from its newest checkpoint; default 30. Training heartbeats every
 *     epoch and every 2 s within one, so this bounds only how fast a crash is noticed.
 * @param dataParallel replicas each global batch is split over, on CPU threads of the trial's
 *     slot; their gradients are summed before each optimizer step, so the result matches one
 *     replica on the same global batch within float rounding; default 1
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingSpec(
    Integer epochs, BatchSize batchSize, Integer checkpointEvery, Integer heartbeatTimeoutSeconds,
    Integer dataParallel) {

  public static final TrainingSpec DEFAULT = new TrainingSpec(null, null, null, null, null);

  /** Without data parallelism, as before it existed. */
  public TrainingSpec(Integer epochs, BatchSize batchSize, Integer checkpointEvery, Integer heartbeatTimeoutSeconds) {
    this(epochs, batchSize, checkpointEvery, heartbeatTimeoutSeconds, null);
  }

  public int epochsOrDefault() {
    return epochs == null ? 20 : epochs;
  }

  public BatchSize batchSizeOrDefault() {
    return batchSize == null ? BatchSize.of(32) : batchSize;
  }

  public int checkpointEveryOrDefault() {
    return checkpointEvery == null ? 1 : checkpointEvery;
  }

  public int dataParallelOrDefault() {
    return dataParallel == null ? 1 : dataParallel;
  }

  public int heartbeatTimeoutSecondsOrDefault() {
    return heartbeatTimeoutSeconds == null ? 30 : heartbeatTimeoutSeconds;
  }
}
