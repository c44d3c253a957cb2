package dev.modelsweep.search;

import dev.modelsweep.spec.SweepSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Gaussian-process Bayesian optimization: a Matern 5/2 kernel over the {@link SpaceEncoding}
 * unit cube (categorical parameters one-hot), hyperparameters fitted by marginal likelihood, and
 * the next trial where expected improvement is largest. This class, in workflow code, only turns
 * observations into a small {@link GpRequest}; the fit and the search run in a {@link
 * GpSuggester} (the suggest activity, on ND4J), whose answer workflow history records.
 *
 * <p>The first {@code search.startupTrials} trials (default 10), and any asked for before two
 * trials have a loss, take the {@link SobolSampler}'s point.
 *
 * <p>What the process sees of each finished trial: its loss. An early-stopped trial counts with
 * the loss it had when stopped (a pessimistic value for its point). A failed or infeasible trial
 * counts as the worst loss seen, so the model learns to avoid its region. Only the latest {@value
 * #MAX_POINTS} trials by index are sent, which bounds the fit's cost and the history payload.
 *
 * <p>Several objectives: ParEGO (Knowles, 2006). For each trial index a seeded random weight
 * vector {@code w} (uniform on the simplex) scalarizes the losses, each first scaled to {@code [0,
 * 1]} over the trials seen: {@code max_j(w_j f_j) + 0.05 * sum_j(w_j f_j)}. Successive trials
 * thus aim at different parts of the Pareto front.
 */
public final class GpSampler extends ModelBasedSampler {

  /** Most observations sent to the Gaussian process: the fit costs their cube. */
  static final int MAX_POINTS = 300;

  private static final long SALT = 0x69_0000_0001L;
  private static final double PAREGO_RHO = 0.05;

  private final GpSuggester suggester;

  public GpSampler(SweepSpec spec, GpSuggester suggester) {
    super(spec);
    this.suggester = suggester;
  }

  @Override
  Map<String, Object> learned(int index, List<Observation> observations) {
    return encoding.decode(suggester.suggest(request(index, observations)).point());
  }

  /** The request for trial {@code index}: the latest {@value #MAX_POINTS} trials, scalarized. */
  GpRequest request(int index, List<Observation> observations) {
    List<Observation> sorted = TpeSampler.sortedByIndex(observations);
    List<Observation> recent = sorted.subList(Math.max(0, sorted.size() - MAX_POINTS), sorted.size());
    long trialSeed = SplitMix64.combine(seed ^ SALT, index);
    double[] losses = scalarize(recent, new SplitMix64(trialSeed));
    List<double[]> points = new ArrayList<>();
    recent.forEach(o -> points.add(encoding.encode(o.params())));
    List<Integer> categories = encoding.dimensions().stream().map(SpaceEncoding.Dimension::categories).toList();
    return new GpRequest(categories, points, losses, trialSeed);
  }

  /** One loss per observation: ParEGO over several objectives; failed and infeasible get the worst. */
  static double[] scalarize(List<Observation> observations, SplitMix64 rng) {
    int objectives = observations.stream().filter(o -> !o.failed()).findFirst()
        .map(o -> o.losses().size()).orElse(1);
    double[] lo = new double[objectives];
    double[] hi = new double[objectives];
    Arrays.fill(lo, Double.POSITIVE_INFINITY);
    Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (Observation o : observations) {
      if (!o.failed()) {
        for (int j = 0; j < objectives; j++) {
          lo[j] = Math.min(lo[j], o.losses().get(j));
          hi[j] = Math.max(hi[j], o.losses().get(j));
        }
      }
    }
    double[] weights = new double[objectives];
    double total = 0;
    for (int j = 0; j < objectives; j++) {
      weights[j] = -StrictMath.log(1 - rng.nextDouble()); // exponential draws, normalized: uniform on the simplex
      total += weights[j];
    }
    double[] out = new double[observations.size()];
    double worst = Double.NEGATIVE_INFINITY; // of feasible trials, else of all that have losses
    double worstAny = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < out.length; i++) {
      Observation o = observations.get(i);
      if (o.failed()) {
        continue;
      }
      if (objectives == 1) {
        out[i] = o.losses().get(0);
      } else {
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (int j = 0; j < objectives; j++) {
          double scaled = hi[j] > lo[j] ? (o.losses().get(j) - lo[j]) / (hi[j] - lo[j]) : 0;
          max = Math.max(max, weights[j] / total * scaled);
          sum += weights[j] / total * scaled;
        }
        out[i] = max + PAREGO_RHO * sum;
      }
      worstAny = Math.max(worstAny, out[i]);
      if (o.feasible()) {
        worst = Math.max(worst, out[i]);
      }
    }
    double penalty = worst != Double.NEGATIVE_INFINITY ? worst : worstAny != Double.NEGATIVE_INFINITY ? worstAny : 0;
    for (int i = 0; i < out.length; i++) {
      Observation o = observations.get(i);
      if (o.failed()) {
        out[i] = penalty;
      } else if (!o.feasible()) {
        out[i] = Math.max(out[i], penalty);
      }
    }
    return out;
  }
}
