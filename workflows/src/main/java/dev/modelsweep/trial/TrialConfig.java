package dev.modelsweep.trial;

import dev.modelsweep.spec.DatasetSpec;
import dev.modelsweep.spec.DistillSpec;
import dev.modelsweep.spec.FinetuneSpec;
import dev.modelsweep.spec.ModelSpec;
import dev.modelsweep.spec.OptimizerSpec;
import dev.modelsweep.spec.TrainingSpec;
import java.util.Map;

/**
 * One trial's complete configuration: the sweep's base spec with the trial's parameters applied.
 * Every trial of a sweep shares the sweep's seed, so trials differ only by their parameters and
 * a trial can be rerun alone to the same bits.
 *
 * @param sweepId the sweep's workflow id
 * @param trialId {@code t000}, {@code t001}, ... in the order the strategy proposed them
 * @param index 0-based position in that order
 * @param params the searched values, keyed by path ({@code "optimizer.learningRate"})
 * @param seed seed of the data split, initialisation, shuffling and dropout
 * @param finetune the trial's transfer-learning settings, or null
 * @param distill the trial's distillation settings, or null
 */
public record TrialConfig(
    String sweepId,
    String trialId,
    int index,
    Map<String, Object> params,
    long seed,
    DatasetSpec dataset,
    ModelSpec model,
    TrainingSpec training,
    OptimizerSpec optimizer,
    FinetuneSpec finetune,
    DistillSpec distill) {

  public static String trialId(int index) {
    return String.format(java.util.Locale.ROOT, "t%03d", index);
  }
}
