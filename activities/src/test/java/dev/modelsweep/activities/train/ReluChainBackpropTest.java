package dev.modelsweep.activities.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.modelsweep.activities.Trials;
import dev.modelsweep.activities.model.ModelFactory;
import dev.modelsweep.activities.model.Network;
import dev.modelsweep.spec.ModelSpec;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written backward pass against libtorch's autograd on the same network and batch. */
class ReluChainBackpropTest {

  private static final int FEATURES = 16;
  private static final int CLASSES = 7;

  @Test
  void lossIsAutogradsAndGradientsMatchToFloatRounding() {
    // 45 rows: the loss gradient's 1/rows is not a power of two, so it rounds.
    int rows = 45;
    Network net = ModelFactory.build(Trials.mlp(List.of(32, 24), 0, false), List.of(FEATURES), CLASSES);
    assertEquals(3, net.reluChain().size());
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(); Autograd.Mode off = Autograd.off();
        NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      net.initialize(manager, 5);
      Random random = new Random(11);
      float[] x = new float[rows * FEATURES];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) random.nextGaussian();
      }
      int[] y = random.ints(rows, 0, CLASSES).toArray();
      NDArray xb = manager.create(x, new Shape(rows, FEATURES));
      NDArray yb = Losses.labels(manager, y, 0, rows);

      NDArray autogradLoss = Autograd.lossAndBackward(() -> Losses.nll(
          net.block().forward(new ParameterStore(manager, false), new NDList(xb), true).singletonOrThrow(), yb).mean());
      ReluChainBackprop.Step step = new ReluChainBackprop(net.reluChain()).lossAndGradients(xb, yb);

      assertEquals(Float.floatToRawIntBits(autogradLoss.getFloat()), Float.floatToRawIntBits(step.loss().getFloat()),
          "the same ops give the same loss bits");
      Map<String, Parameter> params = net.trainable();
      assertEquals(6, step.gradients().size());
      for (Map.Entry<String, Parameter> p : params.entrySet()) {
        float[] expected = p.getValue().getArray().getGradient().toFloatArray();
        NDArray computed = step.gradients().get(p.getValue());
        assertEquals(p.getValue().getShape(), computed.getShape(), p.getKey());
        float[] actual = computed.toFloatArray();
        double scale = 0;
        for (float e : expected) {
          scale = Math.max(scale, Math.abs(e));
        }
        assertTrue(scale > 0, p.getKey() + " has a gradient");
        for (int i = 0; i < expected.length; i++) {
          assertEquals(expected[i], actual[i], 1e-6 * scale, p.getKey() + "[" + i + "]");
        }
      }
    }
  }

  @Test
  void onlyPlainReluMlpsAreChains() {
    List<Integer> flat = List.of(FEATURES);
    assertEquals(2, ModelFactory.build(Trials.mlp(List.of(8), 0, false), flat, CLASSES).reluChain().size());
    assertEquals(1, ModelFactory.build(Trials.mlp(List.of(), 0, false), flat, CLASSES).reluChain().size(),
        "logistic regression is a chain of one");
    assertTrue(ModelFactory.build(Trials.mlp(List.of(8), 0.1, false), flat, CLASSES).reluChain().isEmpty(), "dropout");
    assertTrue(ModelFactory.build(Trials.mlp(List.of(8), 0, true), flat, CLASSES).reluChain().isEmpty(), "batch norm");
    ModelSpec tanh = new ModelSpec(ModelSpec.Family.MLP, List.of(8), null, null, ModelSpec.Activation.TANH, 0.0,
        false, null, null, null, null, null);
    assertTrue(ModelFactory.build(tanh, flat, CLASSES).reluChain().isEmpty(), "tanh");
    assertTrue(ModelFactory.build(Trials.cnn(1, 4, List.of(8)), List.of(1, 8, 8), CLASSES).reluChain().isEmpty(), "cnn");
  }
}
