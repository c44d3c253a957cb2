package dev.modelsweep.activities.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.modelsweep.activities.model.Network;
import dev.modelsweep.activities.model.ParameterArrays;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A network's parameters as bytes: DJL's {@code Block.saveParameters} format, which is what
 * {@code model.params} holds. Load it back with {@code block.loadParameters(manager, in)} on a
 * block built by {@code ModelFactory} from the same spec and data shape.
 */
final class Weights {

  private Weights() {}

  static byte[] save(Network net) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      net.block().saveParameters(out);
    }
    return bytes.toByteArray();
  }

  /**
   * Copies {@code weights} into the initialised parameters of {@code net}, in place: each
   * parameter keeps its array, since the optimizer holds the trained ones as views of one buffer.
   * Call outside any {@code NDScope}.
   */
  static void load(Network net, NDManager manager, byte[] weights) throws IOException, MalformedModelException {
    Map<Parameter, NDArray> kept = new IdentityHashMap<>();
    for (Pair<String, Parameter> p : net.block().getParameters()) {
      kept.put(p.getValue(), p.getValue().getArray());
    }
    // DJL's loader gives each parameter a new array (leaving the old one open): copy its values
    // into the kept array, then swap the kept one back in, which closes the loaded one.
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(weights))) {
      net.block().loadParameters(manager, in);
    }
    for (Map.Entry<Parameter, NDArray> e : kept.entrySet()) {
      try {
        ParameterArrays.copyInto(e.getValue(), e.getKey().getArray());
      } catch (IllegalArgumentException mismatch) {
        throw new MalformedModelException("parameter " + e.getKey().getName() + ": " + mismatch.getMessage(), mismatch);
      }
      ParameterArrays.replace(e.getKey(), e.getValue());
    }
  }
}
