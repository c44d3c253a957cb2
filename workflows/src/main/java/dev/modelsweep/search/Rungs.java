package dev.modelsweep.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The objective values trials reported, grouped by bracket and epoch: what early-stopping rules
 * compare a trial with. Values are lower-is-better losses, kept in the order they arrived.
 */
public final class Rungs {

  /**
   * One group of values, as carried across continue-as-new.
   *
   * @param bracket the Hyperband bracket; 0 for the other rules
   * @param epoch the epoch the values were measured at
   * @param losses the values, in the order they were reported
   */
  public record Rung(int bracket, int epoch, List<Double> losses) {
    public Rung {
      losses = List.copyOf(losses);
    }
  }

  private final Map<Long, List<Double>> values = new TreeMap<>();

  /** Rungs holding {@code saved}, as {@link #snapshot()} returned them. */
  public Rungs(List<Rung> saved) {
    for (Rung r : saved) {
      values.put(key(r.bracket(), r.epoch()), new ArrayList<>(r.losses()));
    }
  }

  /** The values reported at {@code epoch} in {@code bracket} so far; do not modify. */
  List<Double> at(int bracket, int epoch) {
    return values.getOrDefault(key(bracket, epoch), List.of());
  }

  void add(int bracket, int epoch, double loss) {
    values.computeIfAbsent(key(bracket, epoch), k -> new ArrayList<>()).add(loss);
  }

  /** Every group, ordered by bracket and epoch. */
  public List<Rung> snapshot() {
    List<Rung> out = new ArrayList<>(values.size());
    values.forEach((k, v) -> out.add(new Rung((int) (k >>> 32), (int) (long) k, v)));
    return out;
  }

  private static long key(int bracket, int epoch) {
    return ((long) bracket << 32) | epoch;
  }
}
