package dev.modelsweep.activities.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Map;

/**
 * Heavy-ball momentum, optionally Nesterov, as in PyTorch: {@code v = mu*v + g}, then {@code w -=
 * lr*v} or, Nesterov, {@code w -= lr*(g + mu*v)}. State: the velocity.
 */
final class Momentum extends ParameterOptimizer {

  /** State arrays per parameter. */
  static final int SLOTS = 1;


  private final float mu;
  private final boolean nesterov;

  Momentum(NDManager manager, Map<String, Parameter> params, double weightDecay, double mu, boolean nesterov) {
    super(manager, params, SLOTS, weightDecay);
    this.mu = (float) mu;
    this.nesterov = nesterov;
  }

  @Override
  protected void update(NDArray w, NDArray g, NDArray[] slots, float lr, long t) {
    NDArray v = slots[0];
    v.muli(mu).addi(g);
    w.subi(nesterov ? g.add(v.mul(mu)).muli(lr) : v.mul(lr));
  }
}
