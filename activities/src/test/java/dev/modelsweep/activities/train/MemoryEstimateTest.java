package dev.modelsweep.activities.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.modelsweep.activities.OutOfMemoryException;
import dev.modelsweep.activities.Trials;
import dev.modelsweep.activities.data.Datasets;
import dev.modelsweep.activities.data.SplitDataset;
import dev.modelsweep.activities.model.ModelFactory;
import dev.modelsweep.activities.model.Network;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.spec.ModelSpec;
import dev.modelsweep.spec.OptimizerSpec;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrialConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The estimate counts what the real network holds, and a trial over the budget is refused by the
 * real trainer before anything is trained or written. How close the estimate comes to the
 * measured peak is a benchmark ({@code modelsweep bench memory}), not a test.
 */
class MemoryEstimateTest {

  @TempDir Path dir;

  @Test
  void parameterCountsMatchTheBuiltNetworks() throws Exception {
    SplitDataset digits = Datasets.shared().load(Trials.digits("t", null, null, null).dataset(), 0);
    List<ModelSpec> models = List.of(
        Trials.mlp(List.of(64, 32), 0, false), Trials.mlp(List.of(48), 0.2, true),
        Trials.cnn(2, 8, List.of(32)), Trials.cnn(3, 4, List.of()));
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      for (ModelSpec model : models) {
        Network net = ModelFactory.build(model, digits.shape(), digits.classes());
        net.initialize(manager, 1);
        MemoryEstimate e = MemoryEstimate.of(model, digits.shape(), digits.classes(), 32, OptimizerSpec.DEFAULT);
        assertEquals(net.trainableCount(), e.trainable(), model.toString());
      }
    }
  }

  @Test
  void partsFollowTheOptimizerAndBatch() {
    ModelSpec wide = Trials.mlp(List.of(1000), 0, false);
    List<Integer> shape = List.of(100);
    MemoryEstimate adam = MemoryEstimate.of(wide, shape, 10, 32, Trials.optimizer(OptimizerSpec.Type.ADAM, null));
    MemoryEstimate sgd = MemoryEstimate.of(wide, shape, 10, 32, Trials.optimizer(OptimizerSpec.Type.SGD, null));
    long params = 100 * 1000 + 1000 + 1000 * 10 + 10;
    assertEquals(params, adam.parameters());
    assertEquals(4 * params, adam.weights());
    assertEquals(2 * adam.gradients(), adam.optimizerSlots(), "adam keeps two moments");
    assertEquals(0, sgd.optimizerSlots());
    assertTrue(sgd.total() < adam.total());
    MemoryEstimate bigBatch = MemoryEstimate.of(wide, shape, 10, 3200, Trials.optimizer(OptimizerSpec.Type.SGD, null));
    assertEquals(100 * sgd.activations(), bigBatch.activations());
  }

  @Test
  void aTrialOverTheBudgetIsRefusedBeforeTraining() throws Exception {
    TrialConfig trial = Trials.digits("t000", Trials.mlp(List.of(4096, 4096), 0, false), Trials.training(1, 32, 1),
        Trials.optimizer(OptimizerSpec.Type.ADAM, 0.001));
    long limit = 64L << 20;
    ArtifactStore store = new ArtifactStore(dir);
    OutOfMemoryException refused = assertThrows(OutOfMemoryException.class,
        () -> new TrialTrainer(store, Datasets.shared(), limit).train(TrainRequest.full(trial), EpochListener.NONE));
    String message = refused.getMessage();
    assertTrue(message.startsWith("the trial needs about "), message);
    assertTrue(message.contains("over this worker's --max-memory of 64.0 MiB"), message);
    assertTrue(message.contains("lower model.hiddenLayers (17,088,522 parameters), training.batchSize"), message);
    try (var files = Files.walk(dir)) {
      assertFalse(files.anyMatch(Files::isRegularFile), "nothing written for a refused trial");
    }
  }
}
