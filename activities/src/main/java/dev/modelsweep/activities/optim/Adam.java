package dev.modelsweep.activities.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Map;

/**
 * Adam with bias correction, or AdamW when {@code decoupledDecay > 0}: {@code m = b1*m + (1-b1)*g},
 * {@code v = b2*v + (1-b2)*g^2}, {@code w -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)}; AdamW
 * first scales {@code w} by {@code 1 - lr*decay}. State: the two moments. The bias corrections are
 * computed from the update count, which the trainer derives from (epoch, step), so they resume
 * exactly.
 *
 * <p>A step is one call into libtorch (DJL's {@code adamUpdate}, on the PyTorch engine only) instead
 * of about 14 ops from Java: it computes {@code w -= m * a / (sqrt(v) + e)} with {@code a =
 * lr/(1-b1^t) * sqrt(1-b2^t)} and {@code e = eps * sqrt(1-b2^t)}, the rule above multiplied through
 * by {@code sqrt(1-b2^t)}; the float rounding differs from PyTorch's order in the last bits.
 */
final class Adam extends ParameterOptimizer {

  /** State arrays per parameter. */
  static final int SLOTS = 2;


  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final float decoupledDecay;

  Adam(NDManager manager, Map<String, Parameter> params, double l2, double decoupledDecay,
      double beta1, double beta2, double epsilon) {
    super(manager, params, SLOTS, l2);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.decoupledDecay = (float) decoupledDecay;
  }

  @Override
  protected void update(NDArray w, NDArray g, NDArray[] slots, float lr, long t) {
    double root = StrictMath.sqrt(1 - StrictMath.pow(beta2, t));
    double step = lr / (1 - StrictMath.pow(beta1, t));
    // Arguments: learning rate (used only for the decoupled decay), the bias-corrected step, the
    // weight decay (L2 is already in g), gradient rescale 1 and clipping off (negative).
    JniUtils.adamUpdate((PtNDArray) w, (PtNDArray) g, (PtNDArray) slots[0], (PtNDArray) slots[1], lr,
        (float) (step * root), decoupledDecay, 1f, -1f, (float) beta1, (float) beta2, (float) (epsilon * root),
        decoupledDecay != 0f);
  }
}
