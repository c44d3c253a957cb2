package dev.modelsweep.activities.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.modelsweep.activities.model.ParameterArrays;
import java.util.List;

/**
 * Trained parameters held in one contiguous buffer, each {@link Parameter}'s array a view of its
 * slice, so that an optimizer updates every parameter with a few whole-buffer ops however many
 * tensors the network has. The views are leaves of the autograd graph that share the buffer's
 * storage: an in-place update of {@link #weights()} is what the next forward pass reads, and what
 * {@code saveParameters} writes.
 *
 * <p>Values and their order do not change, only where they live, so every element goes through
 * the same float operations as it would per parameter. Whoever loads values into a parameter must
 * copy them into its array ({@link ParameterArrays#copyInto}) rather than replace the array.
 */
final class FlatParameters {

  private final NDArray weights;
  private final List<Parameter> params;
  private final long[] offsets;
  /** Flat views of the parameters' gradient tensors, once they exist. */
  private NDList flatGradients;

  private FlatParameters(NDArray weights, List<Parameter> params, long[] offsets) {
    this.weights = weights;
    this.params = params;
    this.offsets = offsets;
  }

  /**
   * Copies the values of {@code params} into one buffer and makes each parameter's array a view
   * of its slice; the old arrays are closed. The buffer and the views outlive any open {@code
   * NDScope}.
   */
  static FlatParameters adopt(List<Parameter> params) {
    long[] offsets = new long[params.size() + 1];
    for (int i = 0; i < params.size(); i++) {
      offsets[i + 1] = offsets[i] + params.get(i).getArray().size();
    }
    NDArray weights = concat(params.stream().map(Parameter::getArray).toList());
    NDScope.unregister(weights);
    FlatParameters flat = new FlatParameters(weights, params, offsets);
    for (int i = 0; i < params.size(); i++) {
      ParameterArrays.replace(params.get(i), flat.view(weights, i));
    }
    return flat;
  }

  /** The buffer the parameters are views of. */
  NDArray weights() {
    return weights;
  }

  /**
   * Arrays shaped like the parameters, in parameter order, copied into one new buffer laid out
   * like {@link #weights()}.
   */
  static NDArray concat(List<NDArray> arrays) {
    NDList pieces = new NDList(arrays.size());
    // Flat views of the arrays that are not flat already: one engine call less per bias.
    NDList views = new NDList(arrays.size());
    for (NDArray a : arrays) {
      if (a.getShape().dimension() == 1) {
        pieces.add(a);
      } else {
        NDArray view = a.reshape(-1);
        views.add(view);
        pieces.add(view);
      }
    }
    NDArray out = NDArrays.concat(pieces);
    views.close();
    return out;
  }

  /**
   * The accumulated gradients of every parameter, laid out like {@link #weights()}: one copy per
   * call, for the caller (or its scope) to close. Call after a backward pass.
   */
  NDArray gradients() {
    if (flatGradients == null) {
      // libtorch keeps a parameter's gradient tensor for good once backward has made it, and
      // zeroing and accumulating work on it in place: flat views of it taken once stay valid.
      flatGradients = new NDList(params.size());
      for (Parameter p : params) {
        NDArray flat = p.getArray().getGradient().reshape(-1);
        NDScope.unregister(flat);
        flatGradients.add(flat);
      }
    }
    return NDArrays.concat(flatGradients);
  }

  /**
   * Parameter {@code i}'s slice of {@code flat} (laid out like {@link #weights()}), shaped like
   * the parameter: a view, registered with no {@code NDScope}.
   */
  NDArray view(NDArray flat, int i) {
    Shape shape = params.get(i).getShape();
    NDArray view = flat.get(new NDIndex(offsets[i] + ":" + offsets[i + 1])).reshape(shape);
    NDScope.unregister(view);
    return view;
  }
}
