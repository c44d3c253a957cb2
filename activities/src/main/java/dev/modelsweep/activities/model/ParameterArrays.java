package dev.modelsweep.activities.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;

/**
 * Changing what a {@link Parameter} holds without DJL's set-once rule getting in the way: the
 * optimizer keeps parameters as views of one flat buffer, so loading values must write into
 * those arrays, and adopting must swap them.
 */
public final class ParameterArrays {

  private ParameterArrays() {}

  /**
   * Points {@code p} at {@code array}, closing its current one, and re-attaches a gradient if it is
   * trained. DJL sets a parameter's array only once; this goes through its initialiser.
   */
  public static void replace(Parameter p, NDArray array) {
    p.close();
    p.setInitializer((manager, shape, type) -> array);
    p.initialize(array.getManager(), DataType.FLOAT32);
  }

  /**
   * Copies {@code values} into {@code array} in place, bit for bit (signed zeros and NaNs
   * included), so views of {@code array}'s storage see them.
   *
   * @throws IllegalArgumentException if the shapes differ
   */
  public static void copyInto(NDArray array, NDArray values) {
    if (!array.getShape().equals(values.getShape())) {
      throw new IllegalArgumentException("shape " + values.getShape() + " does not fit " + array.getShape());
    }
    array.set(new NDIndex(":"), values);
  }
}
