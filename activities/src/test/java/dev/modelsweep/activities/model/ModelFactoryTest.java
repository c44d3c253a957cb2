package dev.modelsweep.activities.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.activities.Trials;
import dev.modelsweep.spec.ModelSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModelFactoryTest {

  private static NDArray forward(Network net, NDManager manager, int rows, boolean training) {
    net.initialize(manager, 42);
    NDArray x = manager.randomNormal(net.batchShape(rows));
    return net.block().forward(new ParameterStore(manager, false), new NDList(x), training).singletonOrThrow();
  }

  @Test
  void mlpParameterCount() {
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      Network net = ModelFactory.build(Trials.mlp(List.of(32), 0, false), List.of(64), 10);
      assertEquals(new Shape(5, 10), forward(net, manager, 5, false).getShape());
      assertEquals(64 * 32 + 32 + 32 * 10 + 10, net.trainableCount());
    }
  }

  @Test
  void batchNormAddsTrainedScaleAndShiftButNotRunningStatistics() {
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      Network net = ModelFactory.build(Trials.mlp(List.of(32), 0.5, true), List.of(1, 8, 8), 10);
      assertEquals(new Shape(64), net.exampleShape(), "an MLP reads image data flat");
      forward(net, manager, 4, true);
      assertEquals(64 * 32 + 32 + 2 * 32 + 32 * 10 + 10, net.trainableCount());
    }
  }

  @Test
  void cnnShrinksByPoolingUntilOnePixel() {
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      // 8x8 -> 4 -> 2 -> 1 -> (no pooling below 2x2) 1: the flattened head sees 1x1 x 32 channels.
      Network net = ModelFactory.build(Trials.cnn(4, 4, List.of(16)), List.of(1, 8, 8), 10);
      assertEquals(new Shape(3, 10), forward(net, manager, 3, false).getShape());
      long conv = (1 * 9 * 4 + 4) + (4 * 9 * 8 + 8) + (8 * 9 * 16 + 16) + (16 * 9 * 32 + 32);
      assertEquals(conv + 32 * 16 + 16 + 16 * 10 + 10, net.trainableCount());
    }
  }

  @ParameterizedTest
  @EnumSource(ModelSpec.Activation.class)
  void everyActivationRuns(ModelSpec.Activation activation) {
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      ModelSpec spec = new ModelSpec(ModelSpec.Family.MLP, List.of(8), null, null, activation, null, null, null,
          null, null, null, null);
      NDArray out = forward(ModelFactory.build(spec, List.of(4), 3), manager, 2, true);
      assertEquals(new Shape(2, 3), out.getShape());
      for (float v : out.toFloatArray()) {
        assertTrue(Float.isFinite(v));
      }
    }
  }

  @Test
  void initialisationDependsOnlyOnTheSeed() {
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      Network a = ModelFactory.build(Trials.mlp(List.of(8), 0, false), List.of(4), 3);
      Network b = ModelFactory.build(Trials.mlp(List.of(8), 0, false), List.of(4), 3);
      Network c = ModelFactory.build(Trials.mlp(List.of(8), 0, false), List.of(4), 3);
      a.initialize(manager, 1);
      Engine.getEngine("PyTorch").setRandomSeed(999);
      b.initialize(manager, 1);
      c.initialize(manager, 2);
      String name = a.trainable().keySet().iterator().next();
      float[] wa = a.trainable().get(name).getArray().toFloatArray();
      assertEquals(java.util.Arrays.toString(wa), java.util.Arrays.toString(b.trainable().get(name).getArray().toFloatArray()));
      assertNotEquals(java.util.Arrays.toString(wa), java.util.Arrays.toString(c.trainable().get(name).getArray().toFloatArray()));
    }
  }

  @Test
  void invalidSpecsAreNamed() {
    assertEquals("model.family: cnn needs image-shaped data; set dataset.shape [c,h,w] or use mlp",
        assertThrows(InvalidSpecException.class,
            () -> ModelFactory.build(Trials.cnn(2, 8, List.of(16)), List.of(64), 10)).getMessage());
    ModelSpec even = new ModelSpec(ModelSpec.Family.CNN, null, null, null, null, null, null, 1, 4, 4, null, null);
    assertTrue(assertThrows(InvalidSpecException.class, () -> ModelFactory.build(even, List.of(1, 8, 8), 10))
        .getMessage().startsWith("model.kernel: 4 must be odd"));
    assertTrue(assertThrows(InvalidSpecException.class,
        () -> ModelFactory.build(Trials.mlp(List.of(8), 1.0, false), List.of(4), 2)).getMessage().startsWith("model.dropout:"));
    assertTrue(assertThrows(InvalidSpecException.class,
        () -> ModelFactory.build(Trials.mlp(List.of(0), 0, false), List.of(4), 2)).getMessage().startsWith("model.hiddenLayers:"));
  }
}
