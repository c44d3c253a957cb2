package dev.modelsweep.activities.data;

import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.spec.DatasetSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/** {@code dataset.classes} and {@code dataset.perClassLimit}: which labels and how many training rows per class. */
final class ClassSelection {

  /** Seed stream of the per-class sample; distinct from the split's. */
  private static final long PER_CLASS = 11;

  private ClassSelection() {}

  /**
   * The rows whose label {@code spec.classes()} names, relabelled by their position in that list;
   * {@code data} itself when the spec keeps every label.
   *
   * @throws InvalidSpecException naming {@code dataset.classes[i]} when a label is not in the data
   */
  static LabeledData keep(DatasetSpec spec, LabeledData data) {
    List<String> wanted = spec.classes();
    if (wanted == null) {
      return data;
    }
    List<String> names = data.classNames();
    int[] renumber = new int[names.size()];
    Arrays.fill(renumber, -1);
    for (int i = 0; i < wanted.size(); i++) {
      int old = names.indexOf(wanted.get(i));
      if (old < 0) {
        throw new InvalidSpecException("dataset.classes[" + i + "]: label \"" + wanted.get(i)
            + "\" is not in the data; its labels are " + names);
      }
      renumber[old] = i;
    }
    Table all = data.rows();
    int[] kept = IntStream.range(0, all.rows()).filter(r -> renumber[all.y()[r]] >= 0).toArray();
    Table rows = all.select(kept);
    int[] y = rows.y().clone();
    for (int r = 0; r < y.length; r++) {
      y[r] = renumber[y[r]];
    }
    return new LabeledData(data.name(), new Table(rows.x(), y, rows.features()), List.copyOf(wanted), data.shape());
  }

  /**
   * At most {@code limit} rows of each class of {@code train}, a sample seeded by {@code seed},
   * in their original order; {@code train} itself when {@code limit} is null.
   */
  static Table perClass(Table train, int classes, Integer limit, long seed) {
    if (limit == null) {
      return train;
    }
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int r = 0; r < train.rows(); r++) {
      byClass.get(train.y()[r]).add(r);
    }
    Random random = new Random(Shuffle.mix(seed, PER_CLASS));
    List<Integer> chosen = new ArrayList<>();
    for (List<Integer> rows : byClass) {
      int[] order = rows.stream().mapToInt(Integer::intValue).toArray();
      Shuffle.permute(order, random);
      for (int i = 0; i < Math.min(limit, order.length); i++) {
        chosen.add(order[i]);
      }
    }
    return train.select(chosen.stream().mapToInt(Integer::intValue).sorted().toArray());
  }
}
