package dev.modelsweep.activities.data;

import dev.modelsweep.trial.DatasetSummary;
import java.util.List;

/**
 * A loaded data set split three ways and normalised with train statistics. Immutable by
 * convention: it is cached and shared by every trial of a sweep.
 *
 * @param shape per-example shape: {@code [c, h, w]} for image data, else {@code [features]}
 * @param classNames the label of each class index
 * @param normalization the scaling fitted on the train split and applied to all three; a server
 *     applies it to raw rows
 */
public record SplitDataset(
    String name, List<Integer> shape, List<String> classNames, Table train, Table validation, Table test,
    Normalization normalization) {

  /**
   * SHA-256 (hex) of the rows as a model sees them: each split's features (float32, big-endian)
   * then labels (int32), train, validation, test. Equal for the same data, split and scaling, on
   * any machine; a model card records it so a reader can tell which data a model was trained on.
   */
  public String checksum() {
    try {
      java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
      for (Table t : List.of(train, validation, test)) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(4 * (t.x().length + t.y().length));
        buffer.asFloatBuffer().put(t.x());
        buffer.position(4 * t.x().length);
        buffer.asIntBuffer().put(t.y());
        digest.update(buffer.array());
      }
      return java.util.HexFormat.of().formatHex(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  public int features() {
    return train.features();
  }

  public int classes() {
    return classNames.size();
  }

  public boolean isImage() {
    return shape.size() == 3;
  }

  public DatasetSummary summary() {
    return new DatasetSummary(
        name,
        train.rows() + validation.rows() + test.rows(),
        features(),
        classes(),
        shape,
        train.rows(),
        validation.rows(),
        test.rows());
  }
}
