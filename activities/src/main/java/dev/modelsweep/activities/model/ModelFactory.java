package dev.modelsweep.activities.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.spec.ModelSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the network of a {@link ModelSpec} for data of a given shape and class count.
 *
 * <ul>
 *   <li>MLP: per hidden width {@code Linear -> [BatchNorm] -> activation -> [Dropout]}, then
 *       {@code Linear} to the classes. Image-shaped data is fed flat.
 *   <li>CNN (needs {@code [c, h, w]} data): per block {@link PatchConv2d}{@code (kernel, padding kernel/2) ->
 *       [BatchNorm] -> activation -> 2x2 pooling} (pooling skipped when {@code none} or when the
 *       feature map is already below 2x2), then flatten, the dense head built like MLP hidden
 *       layers, and {@code Linear} to the classes.
 * </ul>
 *
 * Outputs are logits; the loss applies the softmax.
 */
public final class ModelFactory {

  private ModelFactory() {}

  /**
   * @param dataShape one example's shape, {@code [features]} or {@code [c, h, w]}
   * @param classes output units
   * @throws InvalidSpecException if the spec cannot describe a network for this data
   */
  public static Network build(ModelSpec spec, List<Integer> dataShape, int classes) {
    DropoutNoise noise = new DropoutNoise();
    double dropout = spec.dropoutOrDefault();
    if (!(dropout >= 0 && dropout < 1)) {
      throw new InvalidSpecException("model.dropout: " + dropout + " must be in [0, 1), e.g. 0.2");
    }
    ModelSpec.Family family = spec.family() == null ? ModelSpec.Family.MLP : spec.family();
    SequentialBlock net = new Layers();
    Shape example;
    if (family == ModelSpec.Family.CNN) {
      if (dataShape.size() != 3) {
        throw new InvalidSpecException(
            "model.family: cnn needs image-shaped data; set dataset.shape [c,h,w] or use mlp");
      }
      example = new Shape(dataShape.get(0), dataShape.get(1), dataShape.get(2));
      addConvBlocks(net, spec, dataShape.get(1), dataShape.get(2));
      net.add(Blocks.batchFlattenBlock());
      addHidden(net, spec, spec.denseOrDefault(), "model.dense", noise);
    } else {
      long features = dataShape.stream().mapToLong(Integer::longValue).reduce(1, (a, b) -> a * b);
      example = new Shape(features);
      addHidden(net, spec, spec.hiddenWidths(), spec.hiddenLayers() != null ? "model.hiddenLayers" : "model.width", noise);
    }
    Linear head = Linear.builder().setUnits(classes).build();
    net.add(head);
    return new Network(net, example, noise, reluChain(family, spec, net, head));
  }

  /**
   * The MLP's {@code Linear} layers when nothing but ReLU sits between them, else empty: what
   * {@link Network#reluChain()} promises.
   */
  private static List<Linear> reluChain(ModelSpec.Family family, ModelSpec spec, SequentialBlock net, Linear head) {
    if (family != ModelSpec.Family.MLP || spec.batchNormOrDefault() || spec.dropoutOrDefault() > 0
        || spec.activationOrDefault() != ModelSpec.Activation.RELU) {
      return List.of();
    }
    List<Linear> layers = new ArrayList<>();
    for (Block child : net.getChildren().values()) {
      if (child instanceof Linear linear) {
        layers.add(linear);
      }
    }
    if (layers.isEmpty() || layers.get(layers.size() - 1) != head || net.getChildren().size() != 2 * layers.size() - 1) {
      throw new IllegalStateException("an MLP without batch norm or dropout must alternate Linear and ReLU: " + net);
    }
    return layers;
  }

  /** Hidden layers of the MLP and of the CNN's dense head. */
  private static void addHidden(
      SequentialBlock net, ModelSpec spec, List<Integer> widths, String field, DropoutNoise noise) {
    for (Integer w : widths) {
      if (w == null || w < 1) {
        throw new InvalidSpecException(field + ": layer widths must be positive integers, got " + widths);
      }
      net.add(Linear.builder().setUnits(w).build());
      if (spec.batchNormOrDefault()) {
        net.add(BatchNorm.builder().build());
      }
      net.add(activation(spec.activationOrDefault()));
      if (spec.dropoutOrDefault() > 0) {
        net.add(new SeededDropout((float) spec.dropoutOrDefault(), noise));
      }
    }
  }

  private static void addConvBlocks(SequentialBlock net, ModelSpec spec, int height, int width) {
    int k = spec.kernelOrDefault();
    if (k < 1 || k % 2 == 0) {
      throw new InvalidSpecException("model.kernel: " + k + " must be odd and at least 1 (3 or 5 are usual)");
    }
    if (spec.convBlocks() != null && spec.convBlocks() < 1) {
      throw new InvalidSpecException("model.convBlocks: " + spec.convBlocks() + " must be at least 1");
    }
    if (spec.channels() != null && spec.channels() < 1) {
      throw new InvalidSpecException("model.channels: " + spec.channels() + " must be at least 1");
    }
    int h = height;
    int w = width;
    for (int channels : spec.blockChannels()) {
      net.add(new PatchConv2d(k, channels));
      if (spec.batchNormOrDefault()) {
        net.add(BatchNorm.builder().build());
      }
      net.add(activation(spec.activationOrDefault()));
      ModelSpec.Pooling pooling = spec.poolingOrDefault();
      if (pooling != ModelSpec.Pooling.NONE && h >= 2 && w >= 2) {
        Shape two = new Shape(2, 2);
        net.add(pooling == ModelSpec.Pooling.MAX ? Pool.maxPool2dBlock(two, two) : Pool.avgPool2dBlock(two, two));
        h /= 2;
        w /= 2;
      }
    }
  }

  private static Block activation(ModelSpec.Activation a) {
    return switch (a) {
      case RELU -> Activation.reluBlock();
      case TANH -> Activation.tanhBlock();
      case SIGMOID -> Activation.sigmoidBlock();
      case GELU -> Activation.geluBlock();
      case LEAKY_RELU -> Activation.leakyReluBlock(0.01f);
      case ELU -> Activation.eluBlock(1f);
      case SELU -> Activation.seluBlock();
      case SOFTPLUS -> Activation.softPlusBlock();
    };
  }

  /**
   * The network's sequence. Its convolutions are {@link PatchConv2d}s named as DJL names its own
   * {@code Conv2d}, so parameter names ({@code 01Conv2d_weight}), and with them checkpoints'
   * optimizer state and fine-tuning sources, are the same as before that class replaced it.
   */
  private static final class Layers extends SequentialBlock {

    @Override
    public SequentialBlock add(Block block) {
      if (block instanceof PatchConv2d) {
        addChildBlock("Conv2d", block);
        return this;
      }
      return super.add(block);
    }
  }
}
