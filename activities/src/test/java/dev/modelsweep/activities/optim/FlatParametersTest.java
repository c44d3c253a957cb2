package dev.modelsweep.activities.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.modelsweep.activities.model.ParameterArrays;
import dev.modelsweep.spec.OptimizerSpec;
import dev.modelsweep.spec.OptimizerSpec.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One optimizer over several parameters of different shapes, held in one flat buffer, against
 * one optimizer per parameter: the rules are elementwise, so the weights must agree to the bit.
 */
class FlatParametersTest {

  private static final int STEPS = 4;

  @ParameterizedTest
  @EnumSource(Type.class)
  void flatStepEqualsAStepPerParameter(Type type) {
    OptimizerSpec spec = new OptimizerSpec(type, 0.05, 0.5, null, null, null, null, 0.01, null);
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      Map<String, Parameter> together = params(manager);
      ParameterOptimizer flat = Optimizers.create(spec, manager, together);
      List<Map<String, Parameter>> apart = List.of(
          Map.of("w", params(manager).get("w")), Map.of("b", params(manager).get("b")));
      List<ParameterOptimizer> single = apart.stream().map(p -> Optimizers.create(spec, manager, p)).toList();
      for (int t = 1; t <= STEPS; t++) {
        step(manager, together, flat, t);
        for (int i = 0; i < apart.size(); i++) {
          step(manager, apart.get(i), single.get(i), t);
        }
      }
      assertArrayEquals(apart.get(0).get("w").getArray().toFloatArray(), together.get("w").getArray().toFloatArray());
      assertArrayEquals(apart.get(1).get("b").getArray().toFloatArray(), together.get("b").getArray().toFloatArray());
      assertEquals(new Shape(2, 3), together.get("w").getArray().getShape());
    }
  }

  @Test
  void copyIntoKeepsTheArrayAndReplaceSwapsIt() {
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      Map<String, Parameter> params = params(manager);
      Optimizers.create(new OptimizerSpec(Type.ADAM, 0.1, null, null, null, null, null, null, null), manager, params);
      NDArray view = params.get("b").getArray();
      JniUtils.setGradMode(false);
      ParameterArrays.copyInto(view, manager.create(new float[] {7f, -0f}));
      assertArrayEquals(new float[] {7f, -0f}, params.get("b").getArray().toFloatArray());
      assertEquals(view, params.get("b").getArray());
      NDArray replacement = manager.create(new float[] {1f, 2f});
      ParameterArrays.replace(params.get("b"), replacement);
      assertNotSame(view, params.get("b").getArray());
      assertArrayEquals(new float[] {1f, 2f}, params.get("b").getArray().toFloatArray());
    }
  }

  /** A 2x3 weight and a bias of 2, with gradients; the loss below involves both. */
  private static Map<String, Parameter> params(NDManager manager) {
    Map<String, Parameter> out = new LinkedHashMap<>();
    out.put("w", param(manager, "w", manager.create(new float[] {0.5f, -1f, 2f, 0.25f, -0.75f, 1.5f}, new Shape(2, 3))));
    out.put("b", param(manager, "b", manager.create(new float[] {0.1f, -0.2f})));
    return out;
  }

  private static Parameter param(NDManager manager, String name, NDArray value) {
    Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
    value.setRequiresGradient(true);
    p.setArray(value);
    return p;
  }

  /** Gradient of {@code sum(p^3/3 - p)} for each parameter given, then one step. */
  private static void step(NDManager manager, Map<String, Parameter> params, ParameterOptimizer opt, int t) {
    try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
      NDArray loss = null;
      for (Parameter p : params.values()) {
        NDArray w = p.getArray();
        NDArray term = w.pow(3).div(3f).sub(w).sum();
        loss = loss == null ? term : loss.add(term);
      }
      gc.backward(loss);
    }
    JniUtils.setGradMode(false);
    opt.step(params, 0.05, t);
    for (Parameter p : params.values()) {
      JniUtils.zeroGrad((PtNDArray) p.getArray());
    }
  }
}
