package dev.modelsweep.activities;

import dev.modelsweep.spec.BatchSize;
import dev.modelsweep.spec.DatasetSpec;
import dev.modelsweep.spec.ModelSpec;
import dev.modelsweep.spec.OptimizerSpec;
import dev.modelsweep.spec.ScheduleSpec;
import dev.modelsweep.spec.TrainingSpec;
import dev.modelsweep.trial.TrialConfig;
import java.util.List;
import java.util.Map;

/** Small builders for trial configurations in tests. */
public final class Trials {

  private Trials() {}

  public static ModelSpec mlp(List<Integer> hidden, double dropout, boolean batchNorm) {
    return new ModelSpec(ModelSpec.Family.MLP, hidden, null, null, null, dropout, batchNorm, null, null, null, null, null);
  }

  public static ModelSpec cnn(int blocks, int channels, List<Integer> dense) {
    return new ModelSpec(ModelSpec.Family.CNN, null, null, null, null, null, null, blocks, channels, 3, null, dense);
  }

  public static OptimizerSpec optimizer(OptimizerSpec.Type type, Double lr) {
    return new OptimizerSpec(type, lr, null, null, null, null, null, null, null);
  }

  public static OptimizerSpec optimizer(OptimizerSpec.Type type, Double lr, Double weightDecay, ScheduleSpec schedule) {
    return new OptimizerSpec(type, lr, null, null, null, null, null, weightDecay, schedule);
  }

  public static TrainingSpec training(int epochs, int batch, int checkpointEvery) {
    return new TrainingSpec(epochs, BatchSize.of(batch), checkpointEvery, null);
  }

  public static TrialConfig trial(String id, DatasetSpec data, ModelSpec model, TrainingSpec training, OptimizerSpec opt) {
    return new TrialConfig("sweep-1", id, 0, Map.of(), 7L, data, model, training, opt, null, null);
  }

  public static TrialConfig digits(String id, ModelSpec model, TrainingSpec training, OptimizerSpec opt) {
    return trial(id, DatasetSpec.builtin("digits"), model, training, opt);
  }
}
