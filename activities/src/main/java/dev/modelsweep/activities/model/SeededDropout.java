package dev.modelsweep.activities.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Inverted dropout whose masks come from a {@link DropoutNoise} rather than libtorch's global
 * generator. Identity at inference. Has no parameters, so weights files are the same as with
 * DJL's {@code Dropout}.
 */
public final class SeededDropout extends AbstractBlock {

  private static final byte VERSION = 1;

  private final float rate;
  private final DropoutNoise noise;

  /**
   * @param rate probability of zeroing a unit, in [0, 1)
   * @param noise the network's random source
   */
  public SeededDropout(float rate, DropoutNoise noise) {
    super(VERSION);
    if (!(rate >= 0f && rate < 1f)) {
      throw new IllegalArgumentException("dropout rate " + rate + " must be in [0, 1)");
    }
    this.rate = rate;
    this.noise = noise;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    if (!training || rate == 0f) {
      return new NDList(x);
    }
    NDArray mask = x.getManager().create(noise.mask(Math.toIntExact(x.size()), rate), x.getShape());
    return new NDList(x.mul(mask));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  public String toString() {
    return "SeededDropout(" + rate + ")";
  }
}
