package dev.modelsweep.activities.suggest;

import dev.modelsweep.activityapi.FailureTypes;
import dev.modelsweep.activityapi.SuggestActivities;
import dev.modelsweep.search.GpRequest;
import dev.modelsweep.search.GpSuggester;
import dev.modelsweep.search.GpSuggestion;
import dev.modelsweep.search.Normal;
import dev.modelsweep.search.SpaceEncoding;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * See {@link SuggestActivities}. The gp suggestion: standardize the losses, fit a {@link
 * GaussianProcess}, then maximize expected improvement over the best loss on seeded candidates:
 * {@value #RANDOM_CANDIDATES} uniform points, {@value #LOCAL_CANDIDATES} perturbations of each of
 * the {@value #ELITE} best observed points, and a final {@value #LOCAL_CANDIDATES} around the best
 * candidate at a smaller step. A categorical parameter is one-hot; a perturbation moves it to
 * another value with probability 0.2. Everything is seeded by the request, so the same request
 * gives the same answer. Also a {@link GpSuggester}, for tests and benchmarks that run without
 * Temporal.
 */
public final class SuggestActivitiesImpl implements SuggestActivities, GpSuggester {

  static final int RANDOM_CANDIDATES = 1000;
  static final int LOCAL_CANDIDATES = 100;
  static final int ELITE = 5;
  private static final double WIDE_STEP = 0.1;
  private static final double NARROW_STEP = 0.02;
  private static final double CATEGORY_FLIP = 0.2;

  @Override
  public GpSuggestion suggest(GpRequest request) {
    return suggestGp(request);
  }

  @Override
  public GpSuggestion suggestGp(GpRequest request) {
    List<Integer> categories = request.categories();
    int params = categories.size();
    for (double[] p : request.points()) {
      if (p.length != params) {
        throw ApplicationFailure.newNonRetryableFailure("suggestGp: a point has " + p.length
            + " coordinates for " + params + " parameters; the request must come from GpSampler", FailureTypes.INVALID_SPEC);
      }
    }
    int[] featureParam = featureParams(categories);
    double[][] x = request.points().stream().map(p -> features(p, categories, featureParam.length)).toArray(double[][]::new);
    double[] y = standardize(request.losses());
    SplittableRandom rng = new SplittableRandom(request.seed());
    GaussianProcess gp = GaussianProcess.fit(x, featureParam, params, y, rng);
    if (gp == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "suggestGp: no Gaussian process fits these points (duplicates with different losses?)", FailureTypes.INVALID_SPEC);
    }
    double bestLoss = IntStream.range(0, y.length).mapToDouble(i -> y[i]).min().orElseThrow();

    List<double[]> candidates = new ArrayList<>();
    for (int i = 0; i < RANDOM_CANDIDATES; i++) {
      candidates.add(uniformPoint(categories, rng));
    }
    Integer[] order = IntStream.range(0, y.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> y[i]));
    for (int e = 0; e < Math.min(ELITE, order.length); e++) {
      double[] centre = activeOrRandom(request.points().get(order[e]), categories, rng);
      for (int i = 0; i < LOCAL_CANDIDATES; i++) {
        candidates.add(perturb(centre, categories, WIDE_STEP, rng));
      }
    }
    Scored best = best(gp, candidates, categories, bestLoss);
    List<double[]> local = new ArrayList<>();
    local.add(best.point());
    for (int i = 0; i < LOCAL_CANDIDATES; i++) {
      local.add(perturb(best.point(), categories, NARROW_STEP, rng));
    }
    best = best(gp, local, categories, bestLoss);
    return new GpSuggestion(best.point(), best.ei(), gp.logLikelihood());
  }

  private record Scored(double[] point, double ei) {}

  private static Scored best(GaussianProcess gp, List<double[]> candidates, List<Integer> categories, double bestLoss) {
    int features = featureParams(categories).length;
    double[][] f = candidates.stream().map(c -> features(c, categories, features)).toArray(double[][]::new);
    double[][] prediction = gp.predict(f);
    int arg = 0;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < f.length; i++) {
      double ei = expectedImprovement(prediction[0][i], Math.sqrt(prediction[1][i]), bestLoss);
      if (ei > max) {
        max = ei;
        arg = i;
      }
    }
    return new Scored(candidates.get(arg), max);
  }

  /** Expected improvement below {@code best} of a normal with this mean and standard deviation. */
  static double expectedImprovement(double mean, double sd, double best) {
    double z = (best - mean) / sd;
    return (best - mean) * Normal.cdf(z) + sd * Normal.pdf(z);
  }

  /** For each feature column, its parameter: one column per ordered parameter, one per value of a categorical one. */
  static int[] featureParams(List<Integer> categories) {
    List<Integer> out = new ArrayList<>();
    for (int j = 0; j < categories.size(); j++) {
      for (int c = 0; c < Math.max(1, categories.get(j)); c++) {
        out.add(j);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** A unit-cube point as kernel features: ordered coordinates as they are, categorical ones one-hot (all 0 when inactive). */
  static double[] features(double[] point, List<Integer> categories, int width) {
    double[] f = new double[width];
    int col = 0;
    for (int j = 0; j < categories.size(); j++) {
      int k = categories.get(j);
      if (k == 0) {
        f[col++] = point[j];
      } else {
        if (point[j] != SpaceEncoding.INACTIVE) {
          f[col + category(point[j], k)] = 1;
        }
        col += k;
      }
    }
    return f;
  }

  private static int category(double u, int k) {
    return (int) Math.min(k - 1, Math.max(0, Math.floor(u * k)));
  }

  private static double[] uniformPoint(List<Integer> categories, SplittableRandom rng) {
    double[] p = new double[categories.size()];
    for (int j = 0; j < p.length; j++) {
      int k = categories.get(j);
      p[j] = k == 0 ? rng.nextDouble() : (rng.nextInt(k) + 0.5) / k;
    }
    return p;
  }

  /** The observed point with its inactive coordinates filled at random, so every coordinate is a value. */
  private static double[] activeOrRandom(double[] point, List<Integer> categories, SplittableRandom rng) {
    double[] random = uniformPoint(categories, rng);
    double[] p = point.clone();
    for (int j = 0; j < p.length; j++) {
      if (p[j] == SpaceEncoding.INACTIVE) {
        p[j] = random[j];
      }
    }
    return p;
  }

  private static double[] perturb(double[] centre, List<Integer> categories, double step, SplittableRandom rng) {
    double[] p = centre.clone();
    for (int j = 0; j < p.length; j++) {
      int k = categories.get(j);
      if (k == 0) {
        double v = p[j] + step * gaussian(rng);
        p[j] = Math.min(Math.nextDown(1.0), Math.max(0, v));
      } else if (rng.nextDouble() < CATEGORY_FLIP) {
        p[j] = (rng.nextInt(k) + 0.5) / k;
      }
    }
    return p;
  }

  private static double gaussian(SplittableRandom rng) {
    double u1 = 1 - rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * rng.nextDouble());
  }

  private static double[] standardize(double[] losses) {
    double mean = 0;
    for (double v : losses) {
      mean += v / losses.length;
    }
    double var = 0;
    for (double v : losses) {
      var += (v - mean) * (v - mean) / losses.length;
    }
    double sd = var > 0 ? Math.sqrt(var) : 1;
    double[] y = new double[losses.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = (losses[i] - mean) / sd;
    }
    return y;
  }
}
