package dev.modelsweep.activities.suggest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.pytorch.jni.JniUtils;
import dev.modelsweep.activities.Trials;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.train.EpochListener;
import dev.modelsweep.activities.train.TrialTrainer;
import dev.modelsweep.spec.OptimizerSpec;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrialConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ND4J and libtorch share one OpenMP runtime in a worker that suggests with gp and trains: a trial
 * trained after a Gaussian-process fit must still have exactly the weights it has when trained
 * before one (loading ND4J used to switch libtorch to 2 threads and change the last bits).
 */
class GaussianProcessLeavesTrainingExactTest {

  @TempDir Path before;
  @TempDir Path after;

  @Test
  void aTrialTrainedAfterAFitHasTheSameBits() throws Exception {
    TrialConfig trial = Trials.digits("t000", Trials.mlp(List.of(40), 0.3, false), Trials.training(4, 32, 2),
        Trials.optimizer(OptimizerSpec.Type.NESTEROV, 0.05));
    int threads = JniUtils.getNumThreads();
    byte[] first = train(before, trial);

    double[][] x = {{0.1, 0.2}, {0.4, 0.9}, {0.7, 0.3}, {0.9, 0.8}, {0.5, 0.5}};
    double[] y = {1.0, 0.3, 0.7, 0.2, 0.4};
    GaussianProcess.fit(x, new int[] {0, 1}, 2, y, new SplittableRandom(1));

    assertEquals(threads, JniUtils.getNumThreads(), "libtorch's thread count after ND4J loaded");
    assertArrayEquals(first, train(after, trial));
  }

  private static byte[] train(Path root, TrialConfig trial) throws Exception {
    ArtifactStore store = new ArtifactStore(root);
    return store.read(new TrialTrainer(store).train(TrainRequest.full(trial), EpochListener.NONE).model());
  }
}
