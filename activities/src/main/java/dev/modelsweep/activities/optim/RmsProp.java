package dev.modelsweep.activities.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Map;

/**
 * RMSProp as in PyTorch (not centred): {@code s = rho*s + (1-rho)*g^2}, {@code d = g / (sqrt(s) +
 * eps)}; with momentum {@code b = mu*b + d; w -= lr*b}, else {@code w -= lr*d}. State: the
 * squared-gradient average, plus the momentum buffer when momentum is on.
 */
final class RmsProp extends ParameterOptimizer {

  /** State arrays per parameter: the squared-gradient average, and a velocity with momentum. */
  static int slots(double momentum) {
    return momentum > 0 ? 2 : 1;
  }


  private final float rho;
  private final float epsilon;
  private final float mu;

  RmsProp(NDManager manager, Map<String, Parameter> params, double weightDecay, double rho, double epsilon, double mu) {
    super(manager, params, slots(mu), weightDecay);
    this.rho = (float) rho;
    this.epsilon = (float) epsilon;
    this.mu = (float) mu;
  }

  @Override
  protected void update(NDArray w, NDArray g, NDArray[] slots, float lr, long t) {
    NDArray s = slots[0];
    s.muli(rho).addi(g.square().muli(1f - rho));
    NDArray d = g.div(s.sqrt().addi(epsilon));
    if (mu > 0f) {
      NDArray b = slots[1];
      b.muli(mu).addi(d);
      w.subi(b.mul(lr));
    } else {
      w.subi(d.muli(lr));
    }
  }
}
