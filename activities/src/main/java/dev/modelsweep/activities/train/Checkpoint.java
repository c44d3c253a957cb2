package dev.modelsweep.activities.train;

import dev.modelsweep.trial.EpochMetrics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything needed to continue a trial after {@code epoch}: the weights (batch-norm running
 * statistics included), the optimizer state and the metrics history.
 *
 * <p>File format (big-endian): {@code "MSCK"}, format version (int), payload length (long), the
 * payload, then the SHA-256 of the payload (32 bytes). A truncated or altered file fails the
 * length or digest check and is never half-loaded. Payload: fingerprint (UTF), epoch (int),
 * history (count, then epoch, train loss, val loss, val accuracy, learning rate each), weights
 * (length, DJL {@code Block.saveParameters} bytes), optimizer state (length, bytes).
 *
 * @param fingerprint identifies the trial configuration the checkpoint belongs to
 * @param epoch the last completed epoch, 1-based
 * @param history metrics of epochs 1..epoch
 * @param weights the block's parameters, exactly as {@code model.params} stores them
 * @param optimizer the optimizer's state arrays
 */
record Checkpoint(String fingerprint, int epoch, List<EpochMetrics> history, byte[] weights, byte[] optimizer) {

  private static final byte[] MAGIC = "MSCK".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final int DIGEST_BYTES = 32;

  /** Thrown when a file is not a whole, intact checkpoint. */
  static final class CorruptException extends IOException {
    private static final long serialVersionUID = 1L;

    CorruptException(String message) {
      super(message);
    }
  }

  Checkpoint {
    history = List.copyOf(history);
  }

  byte[] encode() throws IOException {
    ByteArrayOutputStream payload = new ByteArrayOutputStream(weights.length + optimizer.length + 1024);
    try (DataOutputStream out = new DataOutputStream(payload)) {
      out.writeUTF(fingerprint);
      out.writeInt(epoch);
      out.writeInt(history.size());
      for (EpochMetrics m : history) {
        out.writeInt(m.epoch());
        out.writeDouble(m.trainLoss());
        out.writeDouble(m.valLoss());
        out.writeDouble(m.valAccuracy());
        out.writeDouble(m.learningRate());
      }
      out.writeInt(weights.length);
      out.write(weights);
      out.writeInt(optimizer.length);
      out.write(optimizer);
    }
    byte[] body = payload.toByteArray();
    ByteArrayOutputStream file = new ByteArrayOutputStream(body.length + 48);
    try (DataOutputStream out = new DataOutputStream(file)) {
      out.write(MAGIC);
      out.writeInt(VERSION);
      out.writeLong(body.length);
      out.write(body);
      out.write(sha256(body));
    }
    return file.toByteArray();
  }

  static Checkpoint decode(byte[] file) throws CorruptException {
    int header = MAGIC.length + 4 + 8;
    if (file.length < header + DIGEST_BYTES || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
      throw new CorruptException("not a checkpoint (no MSCK header)");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(file))) {
      in.skipNBytes(MAGIC.length);
      int version = in.readInt();
      if (version != VERSION) {
        throw new CorruptException("checkpoint format version " + version + ", this build reads " + VERSION);
      }
      long length = in.readLong();
      if (length != file.length - header - DIGEST_BYTES) {
        throw new CorruptException(
            "truncated or padded: payload should be " + length + " bytes, file holds " + (file.length - header - DIGEST_BYTES));
      }
      byte[] body = Arrays.copyOfRange(file, header, header + (int) length);
      byte[] digest = Arrays.copyOfRange(file, header + (int) length, file.length);
      if (!MessageDigest.isEqual(digest, sha256(body))) {
        throw new CorruptException("SHA-256 mismatch: the content was altered");
      }
      return decodePayload(body);
    } catch (CorruptException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new CorruptException("unreadable payload: " + e);
    }
  }

  private static Checkpoint decodePayload(byte[] body) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
      String fingerprint = in.readUTF();
      int epoch = in.readInt();
      int n = in.readInt();
      List<EpochMetrics> history = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        history.add(new EpochMetrics(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble()));
      }
      byte[] weights = new byte[in.readInt()];
      in.readFully(weights);
      byte[] optimizer = new byte[in.readInt()];
      in.readFully(optimizer);
      return new Checkpoint(fingerprint, epoch, history, weights, optimizer);
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM ships SHA-256", e);
    }
  }
}
