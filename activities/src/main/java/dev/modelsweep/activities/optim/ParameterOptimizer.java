package dev.modelsweep.activities.optim;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import dev.modelsweep.activities.model.ParameterArrays;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An optimizer with per-parameter state arrays ("slots"), keyed by stable parameter name.
 *
 * <p>At construction the parameters and the state move into flat buffers ({@link
 * FlatParameters}): each parameter's array and each state array becomes a view of its slice, so a
 * step is a handful of whole-buffer ops (for Adam a concatenation of the gradients and one fused
 * update, instead of about 14 ops per parameter tensor). Values loaded into the parameters afterwards must be copied into their
 * arrays ({@link dev.modelsweep.activities.model.ParameterArrays#copyInto}), as {@link #load} does
 * for the state.
 *
 * <p>Create the optimizer outside any {@code NDScope}; call {@link #step} outside autograd
 * recording and inside an {@code NDScope}: it updates weights and state in place, and the scope
 * closes its temporaries.
 */
public abstract class ParameterOptimizer {

  /** Per parameter, views of the flat slots: what {@link #save} writes and {@link #load} fills. */
  private final Map<String, NDArray[]> state = new LinkedHashMap<>();
  /** Null when there are no parameters. */
  private final FlatParameters flat;
  private final NDArray[] flatSlots;
  private final float weightDecay;

  /**
   * @param params the trained parameters by stable name; their arrays are replaced by views of
   *     one buffer
   * @param slots state arrays per parameter, each shaped like it and starting at zero
   * @param weightDecay L2 coefficient added to the gradient; 0 for none (AdamW passes 0 here and
   *     decays itself)
   */
  protected ParameterOptimizer(NDManager manager, Map<String, Parameter> params, int slots, double weightDecay) {
    this.weightDecay = (float) weightDecay;
    this.flatSlots = new NDArray[slots];
    if (params.isEmpty()) {
      this.flat = null;
      return;
    }
    List<String> names = List.copyOf(params.keySet());
    this.flat = FlatParameters.adopt(names.stream().map(params::get).toList());
    for (int s = 0; s < slots; s++) {
      flatSlots[s] = manager.zeros(flat.weights().getShape());
      NDScope.unregister(flatSlots[s]);
    }
    for (int i = 0; i < names.size(); i++) {
      NDArray[] views = new NDArray[slots];
      for (int s = 0; s < slots; s++) {
        views[s] = flat.view(flatSlots[s], i);
      }
      state.put(names.get(i), views);
    }
  }

  /**
   * Applies one update to every parameter from the gradient autograd accumulated in it.
   *
   * @param params the parameters this optimizer was created with
   * @param learningRate this update's rate (from the schedule)
   * @param t 1-based count of updates so far in the trial, this one included
   */
  public final void step(Map<String, Parameter> params, double learningRate, long t) {
    requireSame(params);
    if (flat != null) {
      apply(flat.gradients(), (float) learningRate, t);
    }
  }

  /**
   * Applies one update to every parameter from {@code gradients}, computed without autograd.
   *
   * @param gradients each parameter's gradient, shaped like it; may hold other parameters too
   * @see #step(Map, double, long)
   */
  public final void step(Map<String, Parameter> params, Map<Parameter, NDArray> gradients, double learningRate,
      long t) {
    requireSame(params);
    if (flat != null) {
      apply(FlatParameters.concat(state.keySet().stream().map(name -> Objects.requireNonNull(
          gradients.get(params.get(name)), () -> "no gradient for parameter " + name)).toList()), (float) learningRate, t);
    }
  }

  private void requireSame(Map<String, Parameter> params) {
    if (!params.keySet().equals(state.keySet())) {
      throw new IllegalArgumentException(
          "optimizer state is for parameters " + state.keySet() + ", not " + params.keySet());
    }
  }

  private void apply(NDArray g, float learningRate, long t) {
    NDArray w = flat.weights();
    if (weightDecay != 0f) {
      g = g.add(w.mul(weightDecay));
    }
    update(w, g, flatSlots, learningRate, t);
  }

  /**
   * Updates {@code w} and {@code slots} in place. Each is one flat buffer holding every
   * parameter, and every rule is elementwise.
   */
  protected abstract void update(NDArray w, NDArray g, NDArray[] slots, float lr, long t);

  /** Writes every state array, exactly, in parameter order. */
  public final void save(DataOutputStream out) throws IOException {
    out.writeInt(state.size());
    for (Map.Entry<String, NDArray[]> e : state.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeInt(e.getValue().length);
      for (NDArray a : e.getValue()) {
        byte[] bytes = a.encode();
        out.writeInt(bytes.length);
        out.write(bytes);
      }
    }
  }

  /**
   * Replaces the state with what {@link #save} wrote, after checking that it belongs to the same
   * parameters and optimizer. Values are copied into the state arrays. Call outside any {@code
   * NDScope}.
   */
  public final void load(NDManager manager, DataInputStream in) throws IOException, MalformedModelException {
    int count = in.readInt();
    if (count != state.size()) {
      throw new MalformedModelException("optimizer state for " + count + " parameters, expected " + state.size());
    }
    for (int i = 0; i < count; i++) {
      String name = in.readUTF();
      NDArray[] current = state.get(name);
      int slots = in.readInt();
      if (current == null || slots != current.length) {
        throw new MalformedModelException("optimizer state " + name + " x" + slots + " does not fit this optimizer");
      }
      for (int s = 0; s < slots; s++) {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        try (NDArray loaded = manager.decode(bytes)) {
          if (!loaded.getShape().equals(current[s].getShape())) {
            throw new MalformedModelException(
                "optimizer state " + name + " has shape " + loaded.getShape() + ", expected " + current[s].getShape());
          }
          ParameterArrays.copyInto(current[s], loaded);
        }
      }
    }
  }
}
