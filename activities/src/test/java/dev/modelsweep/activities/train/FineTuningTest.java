package dev.modelsweep.activities.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.activities.Trials;
import dev.modelsweep.activities.model.ModelFactory;
import dev.modelsweep.activities.model.Network;
import dev.modelsweep.spec.ModelSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which parameters a fine-tune takes from its source: whole layers, never the head. */
class FineTuningTest {

  private static Set<String> kept(ModelSpec model, Integer keepLayers) {
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      Network net = ModelFactory.build(model, List.of(1, 8, 8), 5);
      net.initialize(manager, 0);
      return new FineTuning(null, 5, keepLayers, false, 1).keptParameters(net);
    }
  }

  @Test
  void mlpLayersComeWithTheirBatchNormAndTheHeadStaysNew() {
    ModelSpec mlp = Trials.mlp(List.of(16, 8), 0.1, true);
    Set<String> one = kept(mlp, 1);
    assertTrue(one.containsAll(Set.of("01Linear_weight", "01Linear_bias", "02BatchNorm_gamma", "02BatchNorm_beta",
        "02BatchNorm_runningMean", "02BatchNorm_runningVar")), one.toString());
    assertEquals(6, one.size(), one.toString());
    Set<String> all = kept(mlp, null);
    assertEquals(12, all.size(), "two hidden layers with batch norm: " + all);
    assertTrue(all.stream().noneMatch(n -> n.startsWith("09Linear")), "the head is never taken: " + all);
    assertThrows(InvalidSpecException.class, () -> kept(mlp, 3));
  }

  @Test
  void cnnBlocksStopWhereTheDenseHeadStarts() {
    Set<String> all = kept(Trials.cnn(2, 4, List.of(8)), null);
    assertEquals(Set.of("01Conv2d_weight", "01Conv2d_bias", "04Conv2d_weight", "04Conv2d_bias"), all);
    assertEquals(Set.of("01Conv2d_weight", "01Conv2d_bias"), kept(Trials.cnn(2, 4, List.of(8)), 1));
  }
}
