package dev.modelsweep.worker.console;

import dev.modelsweep.trial.TrialResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How much of the objective's variation each searched parameter explains on its own: the
 * first-order term of a functional ANOVA (fANOVA), estimated from the trials directly rather than
 * through a surrogate model. For each parameter the trials are grouped by its value (a choice's
 * values, an int or float with few distinct values, or else {@value #BINS} bins of equal count
 * along its range; a conditional parameter's absence is a group of its own); its raw score is the
 * share of the objective's variance that lies between the groups' means (the correlation ratio
 * eta squared). Scores are then scaled to sum to 1, as Optuna reports fANOVA importances. Failed
 * trials and trials without the metric are left out; with fewer than {@value #MIN_TRIALS} trials
 * there is nothing to say.
 */
public final class ParameterImportance {

  /** Bins of a numeric parameter with more distinct values than this. */
  static final int BINS = 5;

  /** Trials needed before importances mean anything. */
  static final int MIN_TRIALS = 4;

  /** One parameter's share of the explained variance, 0 to 1. */
  public record Score(String parameter, double importance) {}

  private ParameterImportance() {}

  /** Scores of every searched parameter, most important first; empty with too few trials or no variation. */
  public static List<Score> of(List<TrialResult> trials, String metric) {
    List<TrialResult> usable = trials.stream()
        .filter(t -> t.status() != TrialResult.Status.FAILED)
        .filter(t -> t.metric(metric) != null && Double.isFinite(t.metric(metric)))
        .toList();
    if (usable.size() < MIN_TRIALS) {
      return List.of();
    }
    double[] y = usable.stream().mapToDouble(t -> t.metric(metric)).toArray();
    double mean = mean(y);
    double total = 0;
    for (double v : y) {
      total += (v - mean) * (v - mean);
    }
    if (total <= 0) {
      return List.of();
    }
    Set<String> parameters = new LinkedHashSet<>();
    usable.forEach(t -> parameters.addAll(t.params().keySet()));
    List<Score> raw = new ArrayList<>();
    double sum = 0;
    for (String p : parameters) {
      double between = betweenGroups(usable, y, mean, p);
      raw.add(new Score(p, between / total));
      sum += between / total;
    }
    double scale = sum;
    return raw.stream()
        .map(s -> new Score(s.parameter(), scale > 0 ? s.importance() / scale : 0))
        .sorted(Comparator.comparingDouble(Score::importance).reversed())
        .toList();
  }

  /** Sum over groups of size times the squared distance of the group's mean from the overall mean. */
  private static double betweenGroups(List<TrialResult> trials, double[] y, double mean, String parameter) {
    String[] groups = groups(trials, parameter);
    Map<String, double[]> sums = new HashMap<>();
    for (int i = 0; i < y.length; i++) {
      double[] s = sums.computeIfAbsent(groups[i], g -> new double[2]);
      s[0] += y[i];
      s[1]++;
    }
    double between = 0;
    for (double[] s : sums.values()) {
      double groupMean = s[0] / s[1];
      between += s[1] * (groupMean - mean) * (groupMean - mean);
    }
    return between;
  }

  /** Each trial's group for {@code parameter}: its value, its bin, or "absent". */
  private static String[] groups(List<TrialResult> trials, String parameter) {
    String[] groups = new String[trials.size()];
    List<Integer> numeric = new ArrayList<>();
    Set<Double> distinct = new LinkedHashSet<>();
    for (int i = 0; i < trials.size(); i++) {
      Object value = trials.get(i).params().get(parameter);
      if (value == null) {
        groups[i] = "absent";
      } else if (value instanceof Number n) {
        numeric.add(i);
        distinct.add(n.doubleValue());
        groups[i] = "=" + n.doubleValue();
      } else {
        groups[i] = "=" + value;
      }
    }
    if (distinct.size() > BINS) {
      numeric.sort(Comparator.comparingDouble(i -> ((Number) trials.get(i).params().get(parameter)).doubleValue()));
      for (int rank = 0; rank < numeric.size(); rank++) {
        groups[numeric.get(rank)] = "bin" + (rank * BINS / numeric.size());
      }
    }
    return groups;
  }

  private static double mean(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s / values.length;
  }
}
