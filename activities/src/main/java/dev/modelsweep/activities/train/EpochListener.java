package dev.modelsweep.activities.train;

import dev.modelsweep.trial.EpochMetrics;

/**
 * Hears about training progress. If a method throws, training stops at once and the exception
 * propagates out of {@link TrialTrainer#train}; whatever checkpoints were written stay, so a later
 * call resumes. Called on the training thread.
 */
@FunctionalInterface
public interface EpochListener {

  /** Ignores everything. */
  EpochListener NONE = (metrics, checkpoint) -> { };

  /**
   * After each epoch, once its checkpoint (if any) is on disk.
   *
   * @param checkpoint the checkpoint written for this epoch, relative to the artifact root, or
   *     null if this epoch wrote none
   */
  void onEpoch(EpochMetrics metrics, String checkpoint);

  /**
   * After each update; for heartbeats within long epochs. Keep it cheap.
   *
   * @param epoch 1-based epoch
   * @param step 1-based update within the epoch
   * @param steps updates per epoch
   */
  default void onStep(int epoch, int step, int steps) {}
}
