package dev.modelsweep.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A model family and its structure. One record for every family keeps search paths uniform
 * ({@code model.width}, {@code model.channels}); {@link SpecParser} rejects fields that do not
 * belong to the chosen family.
 *
 * <p>MLP: {@code hiddenLayers} lists the widths, or {@code depth} layers of {@code width} units
 * (default 2 x 64). CNN: {@code convBlocks} blocks of convolution, optional batch norm,
 * activation and pooling, starting at {@code channels} channels and doubling per block, then a
 * dense head of {@code dense} widths.
 *
 * @param family {@code mlp} or {@code cnn}
 * @param hiddenLayers MLP hidden widths, e.g. {@code [128, 64]}; excludes depth and width
 * @param depth MLP number of hidden layers, with {@code width}; default 2
 * @param width MLP units per hidden layer, with {@code depth}; default 64
 * @param activation {@code relu} (default), {@code tanh}, {@code sigmoid}, {@code gelu}, {@code
 *     leaky_relu}, {@code elu}, {@code selu}, {@code softplus}
 * @param dropout dropout rate after each hidden activation, 0 (default) to below 1
 * @param batchNorm batch normalisation before each activation; default false
 * @param convBlocks CNN number of convolution blocks; default 2
 * @param channels CNN channels of the first block; default 16
 * @param kernel CNN square kernel size, odd; default 3
 * @param pooling CNN 2x2 pooling after each block: {@code max} (default), {@code avg}, {@code none}
 * @param dense CNN dense head widths before the output layer; default {@code [64]}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelSpec(
    Family family,
    List<Integer> hiddenLayers,
    Integer depth,
    Integer width,
    Activation activation,
    Double dropout,
    Boolean batchNorm,
    Integer convBlocks,
    Integer channels,
    Integer kernel,
    Pooling pooling,
    List<Integer> dense) {

  /** Defaults of the structure fields, for this record and for {@link SpecReach}. */
  static final int DEFAULT_DEPTH = 2;
  static final int DEFAULT_WIDTH = 64;
  static final int DEFAULT_BLOCKS = 2;
  static final int DEFAULT_CHANNELS = 16;
  static final List<Integer> DEFAULT_DENSE = List.of(64);

  public enum Family {
    @JsonProperty("mlp") MLP,
    @JsonProperty("cnn") CNN
  }

  public enum Activation {
    @JsonProperty("relu") RELU,
    @JsonProperty("tanh") TANH,
    @JsonProperty("sigmoid") SIGMOID,
    @JsonProperty("gelu") GELU,
    @JsonProperty("leaky_relu") LEAKY_RELU,
    @JsonProperty("elu") ELU,
    @JsonProperty("selu") SELU,
    @JsonProperty("softplus") SOFTPLUS
  }

  public enum Pooling {
    @JsonProperty("max") MAX,
    @JsonProperty("avg") AVG,
    @JsonProperty("none") NONE
  }

  /** The MLP hidden widths this spec describes, defaults applied. */
  public List<Integer> hiddenWidths() {
    if (hiddenLayers != null) {
      return List.copyOf(hiddenLayers);
    }
    int d = depth == null ? DEFAULT_DEPTH : depth;
    int w = width == null ? DEFAULT_WIDTH : width;
    return Collections.nCopies(d, w);
  }

  /** The CNN output channels per block, defaults applied. */
  public List<Integer> blockChannels() {
    int blocks = convBlocks == null ? DEFAULT_BLOCKS : convBlocks;
    int c = channels == null ? DEFAULT_CHANNELS : channels;
    List<Integer> out = new ArrayList<>(blocks);
    for (int i = 0; i < blocks; i++) {
      out.add(c << i);
    }
    return out;
  }

  public Activation activationOrDefault() {
    return activation == null ? Activation.RELU : activation;
  }

  public double dropoutOrDefault() {
    return dropout == null ? 0.0 : dropout;
  }

  public boolean batchNormOrDefault() {
    return batchNorm != null && batchNorm;
  }

  public int kernelOrDefault() {
    return kernel == null ? 3 : kernel;
  }

  public Pooling poolingOrDefault() {
    return pooling == null ? Pooling.MAX : pooling;
  }

  public List<Integer> denseOrDefault() {
    return dense == null ? DEFAULT_DENSE : List.copyOf(dense);
  }
}
