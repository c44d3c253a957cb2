package dev.modelsweep.activities.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Map;

/**
 * Adam with bias correction, or AdamW when {@code decoupledDecay > 0}: {@code m = b1*m + (1-b1)*g},
 * {@code v = b2*v + (1-b2)*g^2}, {@code w -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)}; AdamW
 * first scales {@code w} by {@code 1 - lr*decay}. State: the two moments. The bias corrections are
 * computed from the update count, which the trainer derives from (epoch, step), so they resume
 * exactly.
 */
final class Adam extends ParameterOptimizer {

  /** State arrays per parameter. */
  static final int SLOTS = 2;


  private final double beta1;
  private final double beta2;
  private final float epsilon;
  private final float decoupledDecay;

  Adam(NDManager manager, Map<String, Parameter> params, double l2, double decoupledDecay,
      double beta1, double beta2, double epsilon) {
    super(manager, params, SLOTS, l2);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = (float) epsilon;
    this.decoupledDecay = (float) decoupledDecay;
  }

  @Override
  protected void update(NDArray w, NDArray g, NDArray[] slots, float lr, long t) {
    NDArray m = slots[0];
    NDArray v = slots[1];
    if (decoupledDecay != 0f) {
      w.muli(1f - lr * decoupledDecay);
    }
    m.muli((float) beta1).addi(g.mul((float) (1 - beta1)));
    v.muli((float) beta2).addi(g.square().muli((float) (1 - beta2)));
    float step = (float) (lr / (1 - StrictMath.pow(beta1, t)));
    float root = (float) StrictMath.sqrt(1 - StrictMath.pow(beta2, t));
    w.subi(m.div(v.sqrt().divi(root).addi(epsilon)).muli(step));
  }
}
