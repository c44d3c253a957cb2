package dev.modelsweep.activities.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Map;

/** Adagrad: {@code s += g^2}, {@code w -= lr * g / (sqrt(s) + eps)}. State: the running sum. */
final class Adagrad extends ParameterOptimizer {

  /** State arrays per parameter. */
  static final int SLOTS = 1;


  private final float epsilon;

  Adagrad(NDManager manager, Map<String, Parameter> params, double weightDecay, double epsilon) {
    super(manager, params, SLOTS, weightDecay);
    this.epsilon = (float) epsilon;
  }

  @Override
  protected void update(NDArray w, NDArray g, NDArray[] slots, float lr, long t) {
    NDArray s = slots[0];
    s.addi(g.square());
    w.subi(g.div(s.sqrt().addi(epsilon)).muli(lr));
  }
}
