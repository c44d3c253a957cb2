package dev.modelsweep.activities.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A built, not yet initialised model.
 *
 * @param block the DJL block; its forward takes a batch of {@code [rows, ...exampleShape]}
 * @param exampleShape one example's shape: {@code [features]} for the MLP, {@code [c, h, w]} for
 *     the CNN
 * @param noise the random source of its dropout layers
 * @param reluChain when the block is nothing but {@code Linear} layers with ReLU between them (an
 *     MLP without batch norm or dropout), those layers in order; else empty. Such a network can be
 *     differentiated op by op, without autograd.
 */
public record Network(Block block, Shape exampleShape, DropoutNoise noise, List<Linear> reluChain) {

  public Network {
    reluChain = List.copyOf(reluChain);
  }

  /** The input shape of a batch of {@code rows} examples. */
  public Shape batchShape(long rows) {
    return new Shape(rows).addAll(exampleShape);
  }

  /**
   * Creates the parameters in {@code manager}: weights from {@link SeededXavier}({@code seed}),
   * biases and batch-norm shifts 0, batch-norm scales and running variances 1.
   */
  public void initialize(NDManager manager, long seed) {
    block.setInitializer(new SeededXavier(seed), Parameter.Type.WEIGHT);
    block.initialize(manager, DataType.FLOAT32, batchShape(1));
  }

  /**
   * The parameters that training updates, by their stable path name ({@code 01Linear_weight}):
   * names derive from the block structure, so they are equal in every JVM, unlike DJL's
   * per-instance parameter ids. Batch-norm running statistics are excluded: they are state, saved
   * with the weights, but not trained.
   */
  public Map<String, Parameter> trainable() {
    Map<String, Parameter> out = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getValue().requiresGradient()) {
        out.put(p.getKey(), p.getValue());
      }
    }
    return out;
  }

  /** Number of trainable values. */
  public long trainableCount() {
    long n = 0;
    for (Parameter p : trainable().values()) {
      n += p.getArray().size();
    }
    return n;
  }
}
