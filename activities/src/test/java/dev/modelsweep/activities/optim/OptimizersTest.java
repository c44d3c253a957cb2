package dev.modelsweep.activities.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.spec.OptimizerSpec;
import dev.modelsweep.spec.OptimizerSpec.Type;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each optimizer against a plain-Java transcription of PyTorch's update rule, on the loss {@code
 * sum(w^2/2 + c*w)} whose gradient is {@code w + c}.
 */
class OptimizersTest {

  private static final double[] W0 = {1.0, -2.0, 0.5, 3.0};
  private static final double[] C = {0.3, -0.1, 2.0, -1.0};
  private static final int STEPS = 5;
  private static final double LR = 0.05;

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(spec(Type.SGD, null, 0.1, null)),
        Arguments.of(spec(Type.MOMENTUM, 0.9, null, null)),
        Arguments.of(spec(Type.NESTEROV, 0.8, 0.01, null)),
        Arguments.of(spec(Type.ADAM, null, 0.1, null)),
        Arguments.of(spec(Type.ADAMW, null, 0.1, null)),
        Arguments.of(spec(Type.RMSPROP, null, null, 0.95)),
        Arguments.of(spec(Type.RMSPROP, 0.5, 0.01, null)),
        Arguments.of(spec(Type.ADAGRAD, null, 0.1, null)));
  }

  private static OptimizerSpec spec(Type type, Double momentum, Double weightDecay, Double rho) {
    return new OptimizerSpec(type, LR, momentum, null, null, null, rho, weightDecay, null);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void matchesReference(OptimizerSpec spec) {
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      Map<String, Parameter> params = params(manager);
      ParameterOptimizer opt = Optimizers.create(spec, manager, params);
      double[] expected = reference(spec);
      for (int t = 1; t <= STEPS; t++) {
        step(manager, params, opt, t);
      }
      float[] actual = params.get("w").getArray().toFloatArray();
      for (int i = 0; i < W0.length; i++) {
        assertEquals(expected[i], actual[i], 1e-5 * Math.max(1, Math.abs(expected[i])), spec.typeOrDefault() + " w[" + i + "]");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void stateSurvivesSaveAndLoad(OptimizerSpec spec) throws Exception {
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      Map<String, Parameter> a = params(manager);
      Map<String, Parameter> b = params(manager);
      ParameterOptimizer optA = Optimizers.create(spec, manager, a);
      ParameterOptimizer optB = Optimizers.create(spec, manager, b);
      step(manager, a, optA, 1);
      step(manager, a, optA, 2);
      ByteArrayOutputStream saved = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(saved)) {
        optA.save(out);
      }
      optB.load(manager, new DataInputStream(new ByteArrayInputStream(saved.toByteArray())));
      b.get("w").getArray().subi(b.get("w").getArray()).addi(a.get("w").getArray());
      step(manager, a, optA, 3);
      step(manager, b, optB, 3);
      assertArrayEquals(a.get("w").getArray().toFloatArray(), b.get("w").getArray().toFloatArray());
    }
  }

  @Test
  void hyperparametersOutOfRangeAreNamed() {
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      OptimizerSpec beta = new OptimizerSpec(Type.ADAM, null, null, 1.0, null, null, null, null, null);
      assertEquals("optimizer.beta1: 1.0 must be in [0, 1)",
          assertThrows(InvalidSpecException.class, () -> Optimizers.create(beta, manager, Map.of())).getMessage());
      OptimizerSpec wd = new OptimizerSpec(Type.SGD, null, null, null, null, null, null, -1.0, null);
      assertEquals("optimizer.weightDecay: -1.0 must be 0 or positive, e.g. 1e-4",
          assertThrows(InvalidSpecException.class, () -> Optimizers.create(wd, manager, Map.of())).getMessage());
    }
  }

  private static Map<String, Parameter> params(NDManager manager) {
    Parameter w = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
    NDArray array = manager.create(toFloat(W0));
    array.setRequiresGradient(true);
    w.setArray(array);
    return Map.of("w", w);
  }

  private static void step(NDManager manager, Map<String, Parameter> params, ParameterOptimizer opt, int t) {
    NDArray w = params.get("w").getArray();
    try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
      gc.backward(w.square().mul(0.5f).add(w.mul(manager.create(toFloat(C)))).sum());
    }
    JniUtils.setGradMode(false);
    opt.step(params, LR, t);
    JniUtils.zeroGrad((PtNDArray) w);
  }

  /** PyTorch's torch.optim rules in doubles. */
  private static double[] reference(OptimizerSpec s) {
    double[] w = W0.clone();
    double[] a = new double[w.length];
    double[] b = new double[w.length];
    double wd = s.weightDecayOrDefault();
    for (int t = 1; t <= STEPS; t++) {
      for (int i = 0; i < w.length; i++) {
        double g = w[i] + C[i];
        if (s.typeOrDefault() != Type.ADAMW) {
          g += wd * w[i];
        }
        switch (s.typeOrDefault()) {
          case SGD -> w[i] -= LR * g;
          case MOMENTUM, NESTEROV -> {
            double mu = s.momentumOrDefault();
            a[i] = mu * a[i] + g;
            w[i] -= LR * (s.typeOrDefault() == Type.NESTEROV ? g + mu * a[i] : a[i]);
          }
          case ADAM, ADAMW -> {
            if (s.typeOrDefault() == Type.ADAMW) {
              w[i] *= 1 - LR * wd;
            }
            double b1 = s.beta1OrDefault();
            double b2 = s.beta2OrDefault();
            a[i] = b1 * a[i] + (1 - b1) * g;
            b[i] = b2 * b[i] + (1 - b2) * g * g;
            double denom = Math.sqrt(b[i]) / Math.sqrt(1 - Math.pow(b2, t)) + s.epsilonOrDefault();
            w[i] -= LR / (1 - Math.pow(b1, t)) * a[i] / denom;
          }
          case RMSPROP -> {
            double rho = s.rhoOrDefault();
            a[i] = rho * a[i] + (1 - rho) * g * g;
            double d = g / (Math.sqrt(a[i]) + s.epsilonOrDefault());
            double mu = s.momentumOrDefault();
            if (mu > 0) {
              b[i] = mu * b[i] + d;
              w[i] -= LR * b[i];
            } else {
              w[i] -= LR * d;
            }
          }
          case ADAGRAD -> {
            a[i] += g * g;
            w[i] -= LR * g / (Math.sqrt(a[i]) + s.epsilonOrDefault());
          }
        }
      }
    }
    return w;
  }

  private static float[] toFloat(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }
}
