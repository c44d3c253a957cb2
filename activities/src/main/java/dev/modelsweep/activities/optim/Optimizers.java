package dev.modelsweep.activities.optim;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.spec.OptimizerSpec;
import java.util.Map;

/** Creates the optimizer of an {@link OptimizerSpec}, defaults from its {@code *OrDefault} methods. */
public final class Optimizers {

  private Optimizers() {}

  /**
   * @param params the trained parameters by stable name; state is created for each, in {@code
   *     manager}
   * @throws InvalidSpecException if a hyperparameter is out of range
   */
  public static ParameterOptimizer create(OptimizerSpec spec, NDManager manager, Map<String, Parameter> params) {
    check(spec);
    double wd = spec.weightDecayOrDefault();
    return switch (spec.typeOrDefault()) {
      case SGD -> new Sgd(manager, params, wd);
      case MOMENTUM -> new Momentum(manager, params, wd, spec.momentumOrDefault(), false);
      case NESTEROV -> new Momentum(manager, params, wd, spec.momentumOrDefault(), true);
      case ADAM -> new Adam(manager, params, wd, 0, spec.beta1OrDefault(), spec.beta2OrDefault(), spec.epsilonOrDefault());
      case ADAMW -> new Adam(manager, params, 0, wd, spec.beta1OrDefault(), spec.beta2OrDefault(), spec.epsilonOrDefault());
      case RMSPROP -> new RmsProp(manager, params, wd, spec.rhoOrDefault(), spec.epsilonOrDefault(), spec.momentumOrDefault());
      case ADAGRAD -> new Adagrad(manager, params, wd, spec.epsilonOrDefault());
    };
  }

  /**
   * State arrays the optimizer of {@code spec} keeps per parameter, each the parameter's size:
   * what {@link #create} allocates, for memory estimates made before it.
   */
  public static int slotsPerParameter(OptimizerSpec spec) {
    return switch (spec.typeOrDefault()) {
      case SGD -> Sgd.SLOTS;
      case MOMENTUM, NESTEROV -> Momentum.SLOTS;
      case ADAM, ADAMW -> Adam.SLOTS;
      case RMSPROP -> RmsProp.slots(spec.momentumOrDefault());
      case ADAGRAD -> Adagrad.SLOTS;
    };
  }

  private static void check(OptimizerSpec spec) {
    positive("optimizer.learningRate", spec.learningRateOrDefault(), "e.g. 0.001");
    unit("optimizer.momentum", spec.momentumOrDefault());
    unit("optimizer.beta1", spec.beta1OrDefault());
    unit("optimizer.beta2", spec.beta2OrDefault());
    unit("optimizer.rho", spec.rhoOrDefault());
    positive("optimizer.epsilon", spec.epsilonOrDefault(), "e.g. 1e-8");
    double wd = spec.weightDecayOrDefault();
    if (!(wd >= 0 && Double.isFinite(wd))) {
      throw new InvalidSpecException("optimizer.weightDecay: " + wd + " must be 0 or positive, e.g. 1e-4");
    }
  }

  private static void positive(String field, double v, String example) {
    if (!(v > 0 && Double.isFinite(v))) {
      throw new InvalidSpecException(field + ": " + v + " must be a positive number, " + example);
    }
  }

  private static void unit(String field, double v) {
    if (!(v >= 0 && v < 1)) {
      throw new InvalidSpecException(field + ": " + v + " must be in [0, 1)");
    }
  }
}
