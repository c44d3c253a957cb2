package dev.modelsweep.activities.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.Random;

/**
 * Xavier-uniform weights drawn from a seeded {@code java.util.Random}: {@code U(-s, s)} with {@code
 * s = sqrt(6 / ((fanIn + fanOut) / 2))}, the scale of DJL's default {@code XavierInitializer}.
 * Parameters are initialised in block order, so one seed gives the same weights in every JVM.
 */
public final class SeededXavier implements Initializer {

  private final Random random;

  public SeededXavier(long seed) {
    this.random = new Random(seed);
  }

  @Override
  public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
    if (shape.dimension() < 2) {
      throw new IllegalArgumentException("Xavier needs a weight of at least 2 dimensions, got " + shape);
    }
    long receptive = shape.dimension() == 2 ? 1 : shape.slice(2).size();
    double fanIn = shape.get(1) * receptive;
    double fanOut = shape.get(0) * receptive;
    double scale = StrictMath.sqrt(6.0 / ((fanIn + fanOut) / 2.0));
    float[] values = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
    }
    return manager.create(values, shape).toType(dataType, false);
  }
}
