package dev.modelsweep.activities.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Map;

/** Plain gradient descent: {@code w -= lr * g}. No state. */
final class Sgd extends ParameterOptimizer {

  /** State arrays per parameter. */
  static final int SLOTS = 0;


  Sgd(NDManager manager, Map<String, Parameter> params, double weightDecay) {
    super(manager, params, SLOTS, weightDecay);
  }

  @Override
  protected void update(NDArray w, NDArray g, NDArray[] slots, float lr, long t) {
    w.subi(g.mul(lr));
  }
}
