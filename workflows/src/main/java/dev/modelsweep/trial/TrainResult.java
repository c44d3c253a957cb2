package dev.modelsweep.trial;

import java.util.List;

/**
 * The outcome of a train call. Artifacts are referenced by path relative to the artifact root.
 *
 * @param epochsCompleted epochs trained in total, across resumes
 * @param resumedFromEpoch the checkpoint epoch this call started from (0: from scratch)
 * @param history per-epoch metrics from epoch 1 on
 * @param checkpoint the newest checkpoint
 * @param model the trained weights
 * @param trainSeconds wall time of this call's training
 * @param device the device this call trained on, as DJL names it ({@code cpu()}, {@code gpu(1)});
 *     null in results recorded before it was kept
 */
public record TrainResult(
    String trialId,
    int epochsCompleted,
    int resumedFromEpoch,
    List<EpochMetrics> history,
    String checkpoint,
    String model,
    double trainSeconds,
    String device) {

  public EpochMetrics last() {
    return history.get(history.size() - 1);
  }
}
