package dev.modelsweep.activities.data;

import dev.modelsweep.activities.InvalidSpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps raw label values to class indices in sorted order: numerically when every label is a
 * number (so {@code 1, 2, 10} become 0, 1, 2 and {@code "1"} and {@code "1.0"} are one class),
 * otherwise by string order. Sorting, rather than order of first appearance, keeps the mapping
 * independent of row order, so a subsample or a reshuffled file yields the same indices.
 *
 * @param y class index per row
 * @param names each class's label as first spelled in the data, in index order
 */
record LabelIndex(int[] y, List<String> names) {

  /** Above this many distinct labels the label column is almost surely a feature column. */
  static final int MAX_CLASSES = 1000;

  static LabelIndex of(String[] raw, String field, String columnName) {
    boolean numeric = true;
    double[] values = new double[raw.length];
    for (int i = 0; i < raw.length && numeric; i++) {
      try {
        values[i] = Double.parseDouble(raw[i]);
        numeric = Double.isFinite(values[i]);
      } catch (NumberFormatException e) {
        numeric = false;
      }
    }
    int[] y = new int[raw.length];
    List<String> names = new ArrayList<>();
    if (numeric) {
      TreeMap<Double, String> distinct = new TreeMap<>();
      for (int i = 0; i < raw.length; i++) {
        distinct.putIfAbsent(values[i], raw[i]);
      }
      Map<Double, Integer> index = indexOf(distinct, names);
      for (int i = 0; i < raw.length; i++) {
        y[i] = index.get(values[i]);
      }
    } else {
      TreeMap<String, String> distinct = new TreeMap<>();
      for (String s : raw) {
        distinct.putIfAbsent(s, s);
      }
      Map<String, Integer> index = indexOf(distinct, names);
      for (int i = 0; i < raw.length; i++) {
        y[i] = index.get(raw[i]);
      }
    }
    if (names.size() < 2) {
      throw new InvalidSpecException(
          field + ": the label column " + columnName + " holds a single class " + names
              + "; classification needs at least 2 classes; pick the class column");
    }
    if (names.size() > MAX_CLASSES) {
      throw new InvalidSpecException(
          field + ": the label column " + columnName + " holds " + names.size()
              + " distinct values (more than " + MAX_CLASSES + "); it looks like a feature; pick the class column");
    }
    return new LabelIndex(y, List.copyOf(names));
  }

  private static <K> Map<K, Integer> indexOf(TreeMap<K, String> distinct, List<String> names) {
    Map<K, Integer> index = new TreeMap<>(distinct.comparator());
    for (Map.Entry<K, String> e : distinct.entrySet()) {
      index.put(e.getKey(), names.size());
      names.add(e.getValue());
    }
    return index;
  }
}
