package dev.modelsweep.activities.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loss and gradients of a {@link dev.modelsweep.activities.model.Network#reluChain() ReLU chain},
 * written out op by op, so a training step needs no autograd: no graph is recorded in the forward
 * pass, and the gradients come out as new arrays rather than accumulating into each parameter's
 * gradient tensor (which would then need zeroing). In a per-phase profile of the letter MLP the
 * backward pass was the largest share of a step.
 *
 * <p>The forward pass and the loss are the ops the block and {@link Losses#nll} run, so logits and
 * losses are the same bits. The backward pass runs the matrix products libtorch's autograd runs for
 * {@code addmm} ({@code dW = d^T h}, {@code dh = d W}, {@code db} summed over rows), bit for bit;
 * two steps round differently, so gradients differ from autograd's in the last bits of some
 * elements: the loss gradient is {@code (exp(logSoftmax) - onehot) / rows} (libtorch fuses it
 * differently), and ReLU's gradient is {@code d * sign(h)}, which gives {@code -0} where libtorch
 * gives {@code 0}. Training stays deterministic, so a resumed run still matches a straight one
 * bit for bit.
 *
 * <p>Call with autograd recording off, inside an {@code NDScope} that closes the temporaries.
 */
final class ReluChainBackprop {

  /**
   * One batch's result.
   *
   * @param loss the batch's mean loss, a scalar
   * @param gradients every layer's weight and bias gradient, by parameter
   */
  record Step(NDArray loss, Map<Parameter, NDArray> gradients) {}

  private final List<Linear> layers;

  /** @param layers the chain's {@code Linear} layers in order, initialised */
  ReluChainBackprop(List<Linear> layers) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a ReLU chain has at least one Linear layer");
    }
    this.layers = List.copyOf(layers);
  }

  /**
   * @param x a batch of inputs, {@code [rows, features]}
   * @param labels their classes as {@link Losses#labels} makes them
   */
  Step lossAndGradients(NDArray x, NDArray labels) {
    int depth = layers.size();
    NDArray[] inputs = new NDArray[depth];
    NDArray out = x;
    for (int i = 0; i < depth; i++) {
      inputs[i] = out;
      out = Linear.linear(out, weight(i), bias(i)).singletonOrThrow();
      if (i < depth - 1) {
        out = Activation.relu(out);
      }
    }
    NDArray logProbabilities = out.logSoftmax(1);
    NDArray loss = Losses.nllOfLogSoftmax(logProbabilities, labels).mean();
    long rows = logProbabilities.getShape().get(0);
    long classes = logProbabilities.getShape().get(1);
    NDArray oneHot = labels.oneHot((int) classes).reshape(rows, classes);
    NDArray d = logProbabilities.exp().subi(oneHot).muli(1f / rows);
    Map<Parameter, NDArray> gradients = new IdentityHashMap<>();
    for (int i = depth - 1; i >= 0; i--) {
      gradients.put(parameter(i, "weight"), d.transpose().matMul(inputs[i]));
      gradients.put(parameter(i, "bias"), d.sum(new int[] {0}));
      if (i > 0) {
        // inputs[i] is the ReLU's output: its sign is 1 where the unit was active, else 0.
        d = d.matMul(weight(i)).muli(inputs[i].sign());
      }
    }
    return new Step(loss, gradients);
  }

  private NDArray weight(int layer) {
    return parameter(layer, "weight").getArray();
  }

  private NDArray bias(int layer) {
    return parameter(layer, "bias").getArray();
  }

  /** Layer {@code layer}'s {@code weight} or {@code bias}. */
  private Parameter parameter(int layer, String name) {
    return layers.get(layer).getParameters().get(name);
  }
}
