package dev.modelsweep.activities.data;

/**
 * Rows of features with their class indices, stored densely: row {@code i} is {@code
 * x[i*features .. (i+1)*features)}. Shared read-only between trials once loaded; never mutate it.
 *
 * @param x the features, row-major
 * @param y class index per row, 0-based
 * @param features values per row
 */
public record Table(float[] x, int[] y, int features) {

  public Table {
    if ((long) y.length * features != x.length) {
      throw new IllegalArgumentException(
          "table of " + y.length + " rows x " + features + " features cannot hold " + x.length + " values");
    }
  }

  public int rows() {
    return y.length;
  }

  /** Copies the rows at {@code indices}, in that order, into {@code dst} from offset 0. */
  public void gather(int[] indices, int from, int to, float[] dst) {
    for (int i = from; i < to; i++) {
      System.arraycopy(x, indices[i] * features, dst, (i - from) * features, features);
    }
  }

  /** A new table of the rows at {@code indices}, in that order. */
  public Table select(int[] indices) {
    float[] nx = new float[indices.length * features];
    gather(indices, 0, indices.length, nx);
    int[] ny = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      ny[i] = y[indices[i]];
    }
    return new Table(nx, ny, features);
  }
}
