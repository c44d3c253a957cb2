package dev.modelsweep.activities.suggest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.search.Observation;
import dev.modelsweep.search.Sampler;
import dev.modelsweep.search.Samplers;
import dev.modelsweep.spec.ParamSpec;
import dev.modelsweep.spec.SearchSpec;
import dev.modelsweep.spec.SweepSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The standard test functions of Bayesian optimization, Branin (2 parameters) and Hartmann-6,
 * each exact and with Gaussian observation noise: {@code tpe} and {@code gp} must beat {@code
 * random} on median simple regret over {@value #SEEDS} seeds at {@value #EVALUATIONS}
 * evaluations. Regret is the true value at the trial that looked best (by its noisy value)
 * minus the known minimum. GP runs its real ND4J activity implementation, called directly.
 */
class TestFunctionSuiteTest {

  static final int SEEDS = 5;
  static final int EVALUATIONS = 50;
  static final int STARTUP = 10;

  record Problem(String name, double[][] bounds, double minimum, double noise, ToDoubleFunction<double[]> f) {}

  static final List<Problem> PROBLEMS = List.of(
      new Problem("branin", new double[][] {{-5, 10}, {0, 15}}, 0.397887, 0, TestFunctionSuiteTest::branin),
      new Problem("branin+noise", new double[][] {{-5, 10}, {0, 15}}, 0.397887, 1.0, TestFunctionSuiteTest::branin),
      new Problem("hartmann6", unitBounds(6), -3.32237, 0, TestFunctionSuiteTest::hartmann6),
      new Problem("hartmann6+noise", unitBounds(6), -3.32237, 0.1, TestFunctionSuiteTest::hartmann6));

  private static final Map<String, double[]> MEDIANS = new LinkedHashMap<>();
  private static final SuggestActivitiesImpl GP = new SuggestActivitiesImpl();

  @BeforeAll
  static void run() {
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-16s %10s %10s %10s%n", "median regret", "random", "tpe", "gp"));
    for (Problem p : PROBLEMS) {
      double[] medians = new double[3];
      String[] strategies = {"random", "tpe", "gp"};
      for (int s = 0; s < 3; s++) {
        long start = System.nanoTime();
        double[] regrets = new double[SEEDS];
        for (int seed = 0; seed < SEEDS; seed++) {
          regrets[seed] = regret(p, strategies[s], seed);
        }
        Arrays.sort(regrets);
        medians[s] = regrets[SEEDS / 2];
        System.out.printf(Locale.ROOT, "%s %s: %.1f s%n", p.name(), strategies[s], (System.nanoTime() - start) / 1e9);
      }
      MEDIANS.put(p.name(), medians);
      table.append(String.format(Locale.ROOT, "%-16s %10.4f %10.4f %10.4f%n", p.name(), medians[0], medians[1], medians[2]));
    }
    System.out.print(table);
  }

  @Test
  void tpeBeatsRandomOnMedianRegret() {
    MEDIANS.forEach((name, m) -> assertTrue(m[1] < m[0], name + ": tpe " + m[1] + " vs random " + m[0]));
  }

  @Test
  void gpBeatsRandomOnMedianRegret() {
    MEDIANS.forEach((name, m) -> assertTrue(m[2] < m[0], name + ": gp " + m[2] + " vs random " + m[0]));
  }

  static double regret(Problem p, String strategy, long seed) {
    SweepSpec spec = spec(p, strategy, seed);
    Sampler sampler = Samplers.create(spec, GP);
    SplittableRandom noise = new SplittableRandom(seed * 7919 + 1);
    List<Observation> seen = new ArrayList<>();
    double bestObserved = Double.POSITIVE_INFINITY;
    double trueAtBest = Double.NaN;
    for (int i = 0; i < EVALUATIONS; i++) {
      Map<String, Object> params = sampler.propose(i, seen).orElseThrow();
      double[] x = new double[p.bounds().length];
      for (int d = 0; d < x.length; d++) {
        x[d] = ((Number) params.get("x" + d)).doubleValue();
      }
      double truth = p.f().applyAsDouble(x);
      double observed = truth + p.noise() * gaussian(noise);
      seen.add(new Observation(i, params, List.of(observed), 1, true));
      if (observed < bestObserved) {
        bestObserved = observed;
        trueAtBest = truth;
      }
    }
    return trueAtBest - p.minimum();
  }

  private static SweepSpec spec(Problem p, String strategy, long seed) {
    LinkedHashMap<String, ParamSpec> space = new LinkedHashMap<>();
    for (int d = 0; d < p.bounds().length; d++) {
      space.put("x" + d, new ParamSpec(ParamSpec.Type.FLOAT, null, p.bounds()[d][0], p.bounds()[d][1], null, null, null));
    }
    SearchSpec.Strategy s = SearchSpec.Strategy.valueOf(strategy.toUpperCase(Locale.ROOT));
    return new SweepSpec("test-functions", seed, null, null, null, null,
        new SearchSpec(s, EVALUATIONS, null, STARTUP, space, null, null, null), null, null, null);
  }

  private static double gaussian(SplittableRandom rng) {
    return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
  }

  private static double[][] unitBounds(int d) {
    double[][] b = new double[d][];
    for (int i = 0; i < d; i++) {
      b[i] = new double[] {0, 1};
    }
    return b;
  }

  static double branin(double[] x) {
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double c = 5 / Math.PI;
    double t = 1 / (8 * Math.PI);
    double u = x[1] - b * x[0] * x[0] + c * x[0] - 6;
    return u * u + 10 * (1 - t) * Math.cos(x[0]) + 10;
  }

  private static final double[] H_ALPHA = {1.0, 1.2, 3.0, 3.2};
  private static final double[][] H_A = {
    {10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
  private static final double[][] H_P = {
    {0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886}, {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
    {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650}, {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};

  static double hartmann6(double[] x) {
    double sum = 0;
    for (int i = 0; i < 4; i++) {
      double inner = 0;
      for (int j = 0; j < 6; j++) {
        inner += H_A[i][j] * (x[j] - H_P[i][j]) * (x[j] - H_P[i][j]);
      }
      sum += H_ALPHA[i] * Math.exp(-inner);
    }
    return -sum;
  }

  @Test
  void theFunctionsHaveTheirKnownMinima() {
    assertTrue(Math.abs(branin(new double[] {Math.PI, 2.275}) - 0.397887) < 1e-5);
    assertTrue(Math.abs(hartmann6(new double[] {0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573}) + 3.32237) < 1e-4);
  }
}
