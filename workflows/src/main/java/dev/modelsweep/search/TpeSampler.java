package dev.modelsweep.search;

import dev.modelsweep.spec.SweepSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tree-structured Parzen estimator (Bergstra et al., 2011), univariate, in pure Java with {@link
 * StrictMath}, so it runs in workflow code and replays exactly.
 *
 * <p>The first {@code search.startupTrials} trials (default 10), and any trial asked for before
 * two trials have a loss, take the {@link SobolSampler}'s point. After that the finished trials are
 * ranked best first ({@link ObservationRanking}: early-stopped trials after those that trained
 * longer, infeasible and failed ones last) and split: the best {@code min(25, ceil(0.1 n))} are
 * "good", the rest "bad". Each parameter, in declared order, gets two densities on its
 * {@link SpaceEncoding} coordinate, one from each group, each with a uniform prior component:
 *
 * <ul>
 *   <li>ordered (float, int range, log floats on the log scale): a mixture of Gaussians truncated
 *       to {@code [0, 1]}, one per observation, with a bandwidth that is the larger gap to its
 *       neighbours, clipped to {@code [1 / min(100, n + 1), 1]};
 *   <li>categorical (choices, explicit values): smoothed frequencies.
 * </ul>
 *
 * <p>24 candidates drawn from the good density are scored by {@code log good - log bad}, and the
 * best is taken. A conditional parameter learns only from trials where it was present and is
 * chosen only where its conditions hold for the values already chosen.
 *
 * <p>Several objectives: the split ranks trials by non-dominated sorting (Pareto fronts), then by
 * the sum of their ranks on each objective, so "good" is the best fronts.
 *
 * <p>Randomness is seeded by the sweep seed, the trial index and the parameter's path; the result
 * depends only on the spec, the index and the set of observations (their order does not matter).
 */
public final class TpeSampler extends ModelBasedSampler {

  static final int CANDIDATES = 24;
  private static final long SALT = 0x7FE_0000_0001L;

  public TpeSampler(SweepSpec spec) {
    super(spec);
  }

  @Override
  Map<String, Object> learned(int index, List<Observation> observations) {
    List<Observation> ranked = ObservationRanking.bestFirst(observations);
    int good = Math.max(1, Math.min(25, (int) StrictMath.ceil(0.1 * ranked.size())));
    List<double[]> goodPoints = encodeAll(ranked.subList(0, good));
    List<double[]> badPoints = encodeAll(ranked.subList(good, ranked.size()));
    long trialSeed = SplitMix64.combine(seed ^ SALT, index);
    Map<String, Object> values = new LinkedHashMap<>();
    for (int d = 0; d < encoding.size(); d++) {
      if (!encoding.isActive(d, values)) {
        continue;
      }
      SpaceEncoding.Dimension dim = encoding.dimensions().get(d);
      Parzen l = Parzen.of(dim, column(goodPoints, d));
      Parzen g = Parzen.of(dim, column(badPoints, d));
      SplitMix64 rng = new SplitMix64(SplitMix64.combine(trialSeed, SplitMix64.hash(dim.path())));
      double best = Double.NaN;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < CANDIDATES; c++) {
        double u = l.sample(rng);
        double score = l.logDensity(u) - g.logDensity(u);
        if (score > bestScore) {
          bestScore = score;
          best = u;
        }
      }
      values.put(dim.path(), encoding.value(d, best));
    }
    return Collections.unmodifiableMap(values);
  }

  static List<Observation> sortedByIndex(List<Observation> observations) {
    List<Observation> out = new ArrayList<>(observations);
    out.sort((a, b) -> Integer.compare(a.index(), b.index()));
    return out;
  }

  private List<double[]> encodeAll(List<Observation> observations) {
    return observations.stream().map(o -> encoding.encode(o.params())).toList();
  }

  /** The coordinates of dimension {@code d} where it was active. */
  private static double[] column(List<double[]> points, int d) {
    return points.stream().mapToDouble(p -> p[d]).filter(u -> u != SpaceEncoding.INACTIVE).toArray();
  }

  /** A one-dimensional Parzen density on {@code [0, 1]} with a uniform prior component. */
  private abstract static sealed class Parzen {

    static Parzen of(SpaceEncoding.Dimension dim, double[] points) {
      return dim.categorical() ? new Categorical(dim.categories(), points) : new Continuous(points);
    }

    abstract double sample(SplitMix64 rng);

    abstract double logDensity(double u);
  }

  /** Smoothed frequencies: {@code (count_k + 1 / K) / (n + 1)}. */
  private static final class Categorical extends Parzen {
    private final double[] probability;

    Categorical(int categories, double[] points) {
      double[] counts = new double[categories];
      for (double u : points) {
        counts[(int) Math.min(categories - 1, StrictMath.floor(u * categories))]++;
      }
      probability = new double[categories];
      for (int k = 0; k < categories; k++) {
        probability[k] = (counts[k] + 1.0 / categories) / (points.length + 1);
      }
    }

    @Override
    double sample(SplitMix64 rng) {
      double r = rng.nextDouble();
      for (int k = 0; k < probability.length; k++) {
        r -= probability[k];
        if (r < 0) {
          return (k + 0.5) / probability.length;
        }
      }
      return (probability.length - 0.5) / probability.length;
    }

    @Override
    double logDensity(double u) {
      int k = (int) Math.min(probability.length - 1, StrictMath.floor(u * probability.length));
      return StrictMath.log(probability[k]);
    }
  }

  /**
   * Equal-weight mixture of Gaussians truncated to {@code [0, 1]}: one at each point, plus the
   * prior, centred at 0.5 with bandwidth 1.
   */
  private static final class Continuous extends Parzen {
    private final double[] mu;
    private final double[] sigma;
    private final double[] logMass;

    Continuous(double[] points) {
      int n = points.length;
      double[] sorted = points.clone();
      Arrays.sort(sorted);
      mu = new double[n + 1];
      sigma = new double[n + 1];
      double minBandwidth = 1.0 / Math.min(100, n + 1);
      for (int i = 0; i < n; i++) {
        double left = i == 0 ? sorted[i] : sorted[i] - sorted[i - 1];
        double right = i == n - 1 ? 1 - sorted[i] : sorted[i + 1] - sorted[i];
        mu[i] = sorted[i];
        sigma[i] = Math.min(1, Math.max(minBandwidth, Math.max(left, right)));
      }
      mu[n] = 0.5;
      sigma[n] = 1;
      logMass = new double[n + 1];
      for (int i = 0; i <= n; i++) {
        logMass[i] = StrictMath.log(Normal.cdf((1 - mu[i]) / sigma[i]) - Normal.cdf(-mu[i] / sigma[i]));
      }
    }

    @Override
    double sample(SplitMix64 rng) {
      int i = (int) rng.nextBounded(mu.length);
      for (int attempt = 0; attempt < 100; attempt++) {
        double u = mu[i] + sigma[i] * gaussian(rng);
        if (u >= 0 && u < 1) {
          return u;
        }
      }
      return Math.min(Math.max(mu[i], 0), Math.nextDown(1.0));
    }

    @Override
    double logDensity(double u) {
      double max = Double.NEGATIVE_INFINITY;
      double[] terms = new double[mu.length];
      for (int i = 0; i < mu.length; i++) {
        terms[i] = Normal.logPdf((u - mu[i]) / sigma[i]) - StrictMath.log(sigma[i]) - logMass[i];
        max = Math.max(max, terms[i]);
      }
      double sum = 0;
      for (double t : terms) {
        sum += StrictMath.exp(t - max);
      }
      return max + StrictMath.log(sum / mu.length);
    }

    /** A standard normal draw (Box-Muller). */
    private static double gaussian(SplitMix64 rng) {
      double u1 = 1 - rng.nextDouble(); // in (0, 1], so the log is finite
      double u2 = rng.nextDouble();
      return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }
  }
}
