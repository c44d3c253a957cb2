package dev.modelsweep.activities.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.modelsweep.activities.Trials;
import dev.modelsweep.activities.model.ModelFactory;
import dev.modelsweep.activities.model.Network;
import dev.modelsweep.spec.BatchSize;
import dev.modelsweep.spec.OptimizerSpec;
import dev.modelsweep.spec.TrainingSpec;
import dev.modelsweep.trial.TrainResult;
import dev.modelsweep.trial.TrialConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code training.dataParallel}: two replicas on the same global batches reach the weights of one,
 * within float rounding, for every optimizer (an MLP with dropout, no batch norm), and a
 * two-replica trial resumed from a checkpoint ends with exactly the weights of an uninterrupted one.
 */
class DataParallelTest {

  /** Float rounding of a sum taken in two parts, grown over 3 epochs of 40 steps. */
  private static final double TOLERANCE = 1e-4;

  @TempDir Path dir;

  private static TrialConfig trial(String id, OptimizerSpec.Type type, int replicas) {
    Double lr = type == OptimizerSpec.Type.SGD || type == OptimizerSpec.Type.MOMENTUM
        || type == OptimizerSpec.Type.NESTEROV || type == OptimizerSpec.Type.ADAGRAD ? 0.05 : 0.003;
    return Trials.digits(id, Trials.mlp(List.of(32, 16), 0.2, false),
        new TrainingSpec(3, BatchSize.of(32), 1, null, replicas), Trials.optimizer(type, lr));
  }

  @ParameterizedTest
  @EnumSource(OptimizerSpec.Type.class)
  void twoReplicasMatchOneOnTheSameGlobalBatches(OptimizerSpec.Type type) throws Exception {
    TrainResult one = TrainingRuns.straight(dir.resolve("one"), trial("t001", type, 1));
    TrainResult two = TrainingRuns.straight(dir.resolve("two"), trial("t001", type, 2));
    List<float[]> a = parameters(TrainingRuns.modelBytes(dir.resolve("one"), one));
    List<float[]> b = parameters(TrainingRuns.modelBytes(dir.resolve("two"), two));
    double worst = 0;
    boolean anyDifferent = false;
    for (int p = 0; p < a.size(); p++) {
      for (int i = 0; i < a.get(p).length; i++) {
        worst = Math.max(worst, Math.abs(a.get(p)[i] - b.get(p)[i]));
        anyDifferent |= a.get(p)[i] != b.get(p)[i];
      }
    }
    assertTrue(worst <= TOLERANCE, type + ": largest weight difference " + worst);
    assertEquals(one.last().valAccuracy(), two.last().valAccuracy(), 0.01, type.toString());
    assertTrue(anyDifferent || worst == 0, "compared real weights");
  }

  @ParameterizedTest
  @EnumSource(value = OptimizerSpec.Type.class, names = {"ADAM", "MOMENTUM"})
  void aResumedTwoReplicaTrialEndsWithTheUninterruptedWeights(OptimizerSpec.Type type) throws Exception {
    TrialConfig trial = trial("t002", type, 2);
    TrainResult straight = TrainingRuns.straight(dir.resolve("straight"), trial);
    TrainResult resumed = TrainingRuns.crashAndResume(dir.resolve("resumed"), trial, 2);
    assertEquals(2, resumed.resumedFromEpoch());
    assertArrayEquals(TrainingRuns.modelBytes(dir.resolve("straight"), straight),
        TrainingRuns.modelBytes(dir.resolve("resumed"), resumed));
  }

  /** Every parameter of the digits MLP saved as {@code weights}, in block order. */
  private static List<float[]> parameters(byte[] weights) throws Exception {
    List<float[]> out = new ArrayList<>();
    try (NDManager manager = ai.djl.engine.Engine.getEngine("PyTorch").newBaseManager()) {
      Network net = ModelFactory.build(Trials.mlp(List.of(32, 16), 0.2, false), List.of(1, 8, 8), 10);
      net.initialize(manager, 0);
      Weights.load(net, manager, weights);
      for (Pair<String, Parameter> p : net.block().getParameters()) {
        out.add(p.getValue().getArray().toFloatArray());
      }
    }
    assertTrue(out.size() >= 6, "three layers' weights and biases");
    return out;
  }
}
