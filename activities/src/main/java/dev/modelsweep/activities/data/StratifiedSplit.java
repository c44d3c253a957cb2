package dev.modelsweep.activities.data;

import java.util.Arrays;
import java.util.Random;

/**
 * Stratified subsampling and train/validation/test splitting. Each class keeps its share of the
 * rows in every split, so a small validation set of an imbalanced data set still sees every
 * class. Deterministic: one {@code new Random(seed)} shuffles each class's rows in class order,
 * and every split takes its rows from those shuffled lists.
 *
 * @param train row indices of the train split
 * @param validation row indices of the validation split
 * @param test row indices of the test split
 */
record StratifiedSplit(int[] train, int[] validation, int[] test) {

  /**
   * @param y class index per row
   * @param classes number of classes
   * @param limit keep at most this many rows, a stratified sample; null keeps all
   * @param validationFraction share of each class for validation, rounded per class
   * @param testFraction share of each class for test, rounded per class
   */
  static StratifiedSplit of(
      int[] y, int classes, Integer limit, double validationFraction, double testFraction, long seed) {
    Random random = new Random(seed);
    int[][] byClass = byClass(y, classes);
    for (int[] rows : byClass) {
      Shuffle.permute(rows, random);
    }
    if (limit != null && limit < y.length) {
      int[] keep = allocate(byClass, limit, y.length);
      for (int c = 0; c < classes; c++) {
        byClass[c] = Arrays.copyOf(byClass[c], keep[c]);
      }
    }
    IntList train = new IntList();
    IntList validation = new IntList();
    IntList test = new IntList();
    for (int[] rows : byClass) {
      int n = rows.length;
      int nTest = (int) Math.round(n * testFraction);
      int nVal = Math.min(n - nTest, (int) Math.round(n * validationFraction));
      test.addAll(rows, 0, nTest);
      validation.addAll(rows, nTest, nTest + nVal);
      train.addAll(rows, nTest + nVal, n);
    }
    return new StratifiedSplit(train.toArray(), validation.toArray(), test.toArray());
  }

  private static int[][] byClass(int[] y, int classes) {
    int[] counts = new int[classes];
    for (int c : y) {
      counts[c]++;
    }
    int[][] rows = new int[classes][];
    for (int c = 0; c < classes; c++) {
      rows[c] = new int[counts[c]];
    }
    int[] fill = new int[classes];
    for (int i = 0; i < y.length; i++) {
      rows[y[i]][fill[y[i]]++] = i;
    }
    return rows;
  }

  /**
   * Rows per class for a sample of {@code limit}: proportional floors, then the remaining rows to
   * the classes with the largest fractional parts (lower class index first on ties).
   */
  private static int[] allocate(int[][] byClass, int limit, int total) {
    int classes = byClass.length;
    int[] keep = new int[classes];
    double[] remainder = new double[classes];
    int given = 0;
    for (int c = 0; c < classes; c++) {
      double exact = (double) limit * byClass[c].length / total;
      keep[c] = (int) Math.floor(exact);
      remainder[c] = exact - keep[c];
      given += keep[c];
    }
    while (given < limit) {
      int best = -1;
      for (int c = 0; c < classes; c++) {
        if (keep[c] < byClass[c].length && (best < 0 || remainder[c] > remainder[best])) {
          best = c;
        }
      }
      keep[best]++;
      remainder[best] = -1;
      given++;
    }
    return keep;
  }

  private static final class IntList {
    private int[] data = new int[64];
    private int size;

    void addAll(int[] src, int from, int to) {
      int n = to - from;
      if (size + n > data.length) {
        data = Arrays.copyOf(data, Math.max(data.length * 2, size + n));
      }
      System.arraycopy(src, from, data, size, n);
      size += n;
    }

    int[] toArray() {
      return Arrays.copyOf(data, size);
    }
  }
}
