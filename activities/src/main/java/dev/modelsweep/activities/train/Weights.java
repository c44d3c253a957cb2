package dev.modelsweep.activities.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.modelsweep.activities.model.Network;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

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
   * Replaces the initialised parameters of {@code net} with {@code weights} and re-attaches
   * gradients to the trained ones (DJL's loader does not). Call outside any {@code NDScope}.
   */
  static void load(Network net, NDManager manager, byte[] weights) throws IOException, MalformedModelException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(weights))) {
      net.block().loadParameters(manager, in);
    }
    for (Parameter p : net.trainable().values()) {
      p.getArray().setRequiresGradient(true);
    }
  }
}
