package dev.modelsweep.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How tpe and gp read finished trials, in one place.
 *
 * <p>Order, best first ({@link #bestFirst}): trials that kept every constraint, then infeasible
 * ones, then failed ones. Within the first two, a trial that trained more epochs comes first (an
 * early-stopped trial lost to others at the epoch it reached, as Optuna ranks a pruned trial by
 * its last step); then by non-dominated rank over the losses (for one objective, simply the
 * loss), then by the sum of its ranks on each objective, then by index.
 */
final class ObservationRanking {

  private ObservationRanking() {}

  static List<Observation> bestFirst(List<Observation> observations) {
    List<Observation> ok = new ArrayList<>();
    List<Observation> infeasible = new ArrayList<>();
    List<Observation> failed = new ArrayList<>();
    for (Observation o : observations) {
      (o.failed() ? failed : o.feasible() ? ok : infeasible).add(o);
    }
    List<Observation> out = new ArrayList<>(observations.size());
    out.addAll(byQuality(ok));
    out.addAll(byQuality(infeasible));
    failed.sort(Comparator.comparingInt(Observation::index));
    out.addAll(failed);
    return out;
  }

  private static List<Observation> byQuality(List<Observation> group) {
    int n = group.size();
    if (n == 0) {
      return group;
    }
    int objectives = group.get(0).losses().size();
    int[] front = fronts(group);
    double[] rankSum = new double[n];
    for (int j = 0; j < objectives; j++) {
      final int obj = j;
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        order.add(i);
      }
      order.sort(Comparator.comparingDouble(i -> group.get(i).losses().get(obj)));
      for (int r = 0; r < n; r++) {
        rankSum[order.get(r)] += r;
      }
    }
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      idx.add(i);
    }
    idx.sort(Comparator.<Integer>comparingInt(i -> -group.get(i).epochs())
        .thenComparingInt(i -> front[i])
        .thenComparingDouble(i -> rankSum[i])
        .thenComparingInt(i -> group.get(i).index()));
    return idx.stream().map(group::get).toList();
  }

  /** Non-dominated rank (0 = Pareto front) of each observation among those trained as long. */
  private static int[] fronts(List<Observation> group) {
    int n = group.size();
    int[] front = new int[n];
    if (group.get(0).losses().size() == 1) {
      // One objective: the rank among distinct losses, by sorting rather than pairwise comparison.
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        order.add(i);
      }
      order.sort(Comparator.<Integer>comparingInt(i -> -group.get(i).epochs())
          .thenComparingDouble(i -> group.get(i).losses().get(0)));
      for (int r = 1; r < n; r++) {
        Observation prev = group.get(order.get(r - 1));
        Observation cur = group.get(order.get(r));
        boolean tie = prev.epochs() == cur.epochs() && prev.losses().get(0).equals(cur.losses().get(0));
        front[order.get(r)] = tie ? front[order.get(r - 1)] : r;
      }
      return front;
    }
    int[] dominatedBy = new int[n];
    List<List<Integer>> dominates = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      dominates.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      for (int k = i + 1; k < n; k++) {
        if (group.get(i).epochs() != group.get(k).epochs()) {
          continue;
        }
        if (dominates(group.get(i), group.get(k))) {
          dominates.get(i).add(k);
          dominatedBy[k]++;
        } else if (dominates(group.get(k), group.get(i))) {
          dominates.get(k).add(i);
          dominatedBy[i]++;
        }
      }
    }
    List<Integer> current = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (dominatedBy[i] == 0) {
        current.add(i);
      }
    }
    for (int level = 0; !current.isEmpty(); level++) {
      List<Integer> next = new ArrayList<>();
      for (int i : current) {
        front[i] = level;
        for (int k : dominates.get(i)) {
          if (--dominatedBy[k] == 0) {
            next.add(k);
          }
        }
      }
      current = next;
    }
    return front;
  }

  /** Whether {@code a} is no worse than {@code b} on every objective and better on one. */
  static boolean dominates(Observation a, Observation b) {
    boolean better = false;
    for (int j = 0; j < a.losses().size(); j++) {
      double x = a.losses().get(j);
      double y = b.losses().get(j);
      if (x > y) {
        return false;
      }
      better |= x < y;
    }
    return better;
  }
}
