package dev.modelsweep.activities.optim;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An optimizer with per-parameter state arrays ("slots"), keyed by stable parameter name.
 *
 * <p>Call {@link #step} outside autograd recording and inside an {@code NDScope}: it updates
 * weights and state in place, and the scope closes its temporaries. State arrays are created at
 * construction, outside any scope, so they live as long as the trial's manager.
 */
public abstract class ParameterOptimizer {

  private final Map<String, NDArray[]> state = new LinkedHashMap<>();
  private final float weightDecay;

  /**
   * @param params the trained parameters by stable name
   * @param slots state arrays per parameter, each shaped like it and starting at zero
   * @param weightDecay L2 coefficient added to the gradient; 0 for none (AdamW passes 0 here and
   *     decays itself)
   */
  protected ParameterOptimizer(NDManager manager, Map<String, Parameter> params, int slots, double weightDecay) {
    this.weightDecay = (float) weightDecay;
    for (Map.Entry<String, Parameter> e : params.entrySet()) {
      NDArray[] s = new NDArray[slots];
      for (int i = 0; i < slots; i++) {
        s[i] = manager.zeros(e.getValue().getArray().getShape());
      }
      state.put(e.getKey(), s);
    }
  }

  /**
   * Applies one update to every parameter from its accumulated gradient.
   *
   * @param learningRate this update's rate (from the schedule)
   * @param t 1-based count of updates so far in the trial, this one included
   */
  public final void step(Map<String, Parameter> params, double learningRate, long t) {
    for (Map.Entry<String, Parameter> e : params.entrySet()) {
      NDArray w = e.getValue().getArray();
      NDArray g = w.getGradient();
      if (weightDecay != 0f) {
        g = g.add(w.mul(weightDecay));
      }
      NDArray[] slots = state.get(e.getKey());
      if (slots == null) {
        throw new IllegalStateException("no optimizer state for parameter " + e.getKey());
      }
      update(w, g, slots, (float) learningRate, t);
    }
  }

  /** Updates {@code w} and {@code slots} in place. */
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
   * parameters and optimizer. Call outside any {@code NDScope}.
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
        NDArray loaded = manager.decode(bytes);
        if (!loaded.getShape().equals(current[s].getShape())) {
          throw new MalformedModelException(
              "optimizer state " + name + " has shape " + loaded.getShape() + ", expected " + current[s].getShape());
        }
        current[s].close();
        current[s] = loaded;
      }
    }
  }
}
