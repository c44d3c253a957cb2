package dev.modelsweep.activities.data;

import dev.modelsweep.activities.InvalidSpecException;
import java.util.List;

/**
 * Per-feature scaling fitted on the train split only and applied to every split, so the
 * validation and test rows stay unseen.
 *
 * <ul>
 *   <li>{@code standard} (default): {@code (x - mean) / std}, population std; a constant feature
 *       is only centred.
 *   <li>{@code minmax}: {@code (x - min) / (max - min)} into [0, 1] on the train split; a constant
 *       feature becomes 0.
 *   <li>{@code none}: unchanged.
 * </ul>
 *
 * @param shift subtracted from each feature
 * @param scale each feature is then divided by this
 */
public record Normalization(float[] shift, float[] scale) {

  static final List<String> MODES = List.of("standard", "minmax", "none");

  /** Rejects an unknown mode before any data is read. */
  static void check(String mode) {
    if (!MODES.contains(mode)) {
      throw new InvalidSpecException("dataset.normalize: '" + mode + "' is not one of " + MODES);
    }
  }

  static Normalization fit(String mode, Table train) {
    check(mode);
    int f = train.features();
    int n = train.rows();
    float[] x = train.x();
    float[] shift = new float[f];
    float[] scale = new float[f];
    java.util.Arrays.fill(scale, 1f);
    if (mode.equals("none")) {
      return new Normalization(shift, scale);
    }
    for (int j = 0; j < f; j++) {
      double a = 0;
      double b = 0;
      if (mode.equals("standard")) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
          sum += x[i * f + j];
        }
        double mean = sum / n;
        double sq = 0;
        for (int i = 0; i < n; i++) {
          double d = x[i * f + j] - mean;
          sq += d * d;
        }
        a = mean;
        b = Math.sqrt(sq / n);
      } else {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
          min = Math.min(min, x[i * f + j]);
          max = Math.max(max, x[i * f + j]);
        }
        a = min;
        b = max - min;
      }
      shift[j] = (float) a;
      scale[j] = b > 1e-12 ? (float) b : 1f;
    }
    return new Normalization(shift, scale);
  }

  /** Scales one row of raw features in place, as the splits were: what a server does to a request. */
  public void applyToRow(float[] row, int offset) {
    int f = shift.length;
    for (int j = 0; j < f; j++) {
      row[offset + j] = (row[offset + j] - shift[j]) / scale[j];
    }
  }

  /** Scales {@code t}'s features in place; only call on tables this loader owns. */
  void applyInPlace(Table t) {
    for (int offset = 0; offset < t.x().length; offset += shift.length) {
      applyToRow(t.x(), offset);
    }
  }
}
