package dev.modelsweep.activities.suggest;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A zero-mean Gaussian process on standardized losses with an ARD Matern 5/2 kernel,
 * {@code s^2 (1 + sqrt5 r + 5 r^2 / 3) exp(-sqrt5 r)} with {@code r} the distance scaled per
 * parameter, plus observation noise. Features are the unit-cube coordinates, categorical
 * parameters one-hot; the one-hot columns of a parameter share its length scale.
 *
 * <p>Hyperparameters (a length scale per parameter, the signal variance, the noise variance)
 * maximize the log marginal likelihood over a seeded search: the defaults, random draws within
 * wide bounds, then coordinate steps from the best. Cholesky factorization (LAPACK potrf), triangular
 * solves and products run on ND4J in double precision.
 */
final class GaussianProcess {

  private static final double SQRT5 = Math.sqrt(5);
  private static final int RANDOM_DRAWS = 10;
  private static final int REFINE_PASSES = 1;
  private static final double JITTER = 1e-8;
  private static final double[] LOG_LENGTH_BOUNDS = {Math.log(0.01), Math.log(10)};
  private static final double[] LOG_SIGNAL_BOUNDS = {Math.log(0.05), Math.log(20)};
  private static final double[] LOG_NOISE_BOUNDS = {Math.log(1e-6), Math.log(1)};

  static {
    // ND4J's backend and libtorch share one OpenMP runtime in this process, and loading ND4J sets
    // that runtime's thread count (to 2 on 2 cores). libtorch would then sum with 2 threads, in
    // another order, and a trial trained after a gp suggestion would differ in its last bits from
    // the same trial trained before it. So read libtorch's count first and put it back after.
    Engine.getEngine("PyTorch");
    int torchThreads = JniUtils.getNumThreads();
    // One thread: the matrices are small (hundreds of rows), where OpenMP threads cost more than
    // they give, and the worker's cores belong to its training slots.
    Nd4j.getEnvironment().setMaxThreads(1);
    Nd4j.getEnvironment().setMaxMasterThreads(1);
    Nd4j.factory().blas().setMaxThreads(1);
    JniUtils.setNumThreads(torchThreads);
  }

  /** Log length scale per parameter, then log signal variance, then log noise variance. */
  private final double[] theta;
  private final double[][] x;
  private final int[] featureParam;
  private final INDArray cholesky;
  private final INDArray alpha;
  private final double logLikelihood;
  private INDArray inverse;

  private GaussianProcess(double[] theta, double[][] x, int[] featureParam, INDArray cholesky, INDArray alpha,
      double logLikelihood) {
    this.theta = theta;
    this.x = x;
    this.featureParam = featureParam;
    this.cholesky = cholesky;
    this.alpha = alpha;
    this.logLikelihood = logLikelihood;
  }

  /**
   * Fits the process.
   *
   * @param x features, one row per observation
   * @param featureParam for each feature column, the parameter it belongs to
   * @param params the number of parameters
   * @param y standardized losses
   */
  static GaussianProcess fit(double[][] x, int[] featureParam, int params, double[] y, SplittableRandom rng) {
    double[] best = new double[params + 2];
    Arrays.fill(best, 0, params, Math.log(0.3));
    best[params] = 0;
    best[params + 1] = Math.log(1e-3);
    GaussianProcess bestFit = tryFit(best, x, featureParam, y);
    for (int i = 0; i < RANDOM_DRAWS; i++) {
      double[] t = new double[params + 2];
      for (int j = 0; j < params; j++) {
        t[j] = uniform(rng, LOG_LENGTH_BOUNDS);
      }
      t[params] = uniform(rng, LOG_SIGNAL_BOUNDS);
      t[params + 1] = uniform(rng, LOG_NOISE_BOUNDS);
      bestFit = better(bestFit, tryFit(t, x, featureParam, y));
    }
    for (int pass = 0; pass < REFINE_PASSES; pass++) {
      for (int j = 0; j < params + 2; j++) {
        double[] bounds = j < params ? LOG_LENGTH_BOUNDS : j == params ? LOG_SIGNAL_BOUNDS : LOG_NOISE_BOUNDS;
        for (double step : new double[] {0.5, -0.5}) {
          double[] t = bestFit.theta.clone();
          t[j] = Math.min(bounds[1], Math.max(bounds[0], t[j] + step));
          bestFit = better(bestFit, tryFit(t, x, featureParam, y));
        }
      }
    }
    return bestFit;
  }

  double logLikelihood() {
    return logLikelihood;
  }

  /** Posterior mean and variance at each candidate row: {@code [0]} means, {@code [1]} variances. */
  double[][] predict(double[][] candidates) {
    double signal = Math.exp(theta[theta.length - 2]);
    INDArray cross = matrix(kernel(candidates, x, theta, featureParam));
    double[] mean = cross.mmul(alpha).data().asDouble();
    // k*' K^-1 k* per candidate through one product with K^-1: ND4J's triangular solve is slow
    // with many right-hand sides (75 ms for 40 x 1600), a matrix product is not.
    double[] explained = cross.mmul(inverse()).muli(cross).sum(1).data().asDouble();
    double[] variance = new double[candidates.length];
    for (int i = 0; i < variance.length; i++) {
      variance[i] = Math.max(1e-12, signal - explained[i]);
    }
    return new double[][] {mean, variance};
  }

  /** {@code K^-1 = L^-T L^-1}, computed on first use. */
  private INDArray inverse() {
    if (inverse == null) {
      INDArray lInverse = Nd4j.linalg().triangularSolve(cholesky, Nd4j.eye(x.length).castTo(DataType.DOUBLE), true, false);
      inverse = lInverse.transpose().mmul(lInverse);
    }
    return inverse;
  }

  /** A row-major double matrix; faster than {@code Nd4j.createFromArray(double[][])}, which copies element by element. */
  private static INDArray matrix(double[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    double[] flat = new double[rows.length * cols];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * cols, cols);
    }
    return Nd4j.create(flat, new long[] {rows.length, cols}, 'c');
  }

  private static double uniform(SplittableRandom rng, double[] bounds) {
    return bounds[0] + rng.nextDouble() * (bounds[1] - bounds[0]);
  }

  private static GaussianProcess better(GaussianProcess a, GaussianProcess b) {
    if (b == null) {
      return a;
    }
    return a == null || b.logLikelihood > a.logLikelihood ? b : a;
  }

  /** The fit at {@code theta}, or null where the kernel matrix is not positive definite in practice. */
  private static GaussianProcess tryFit(double[] theta, double[][] x, int[] featureParam, double[] y) {
    int n = x.length;
    double[][] k = kernel(x, x, theta, featureParam);
    double noise = Math.exp(theta[theta.length - 1]);
    for (int i = 0; i < n; i++) {
      k[i][i] += noise + JITTER;
    }
    // LAPACK's potrf, not Nd4j.linalg().cholesky: in ND4J 1.0.0-M2.1 that op refuses positive
    // definite matrices whose condition number is merely large (10 points, length scale 0.3).
    INDArray l = matrix(k).dup('f');
    try {
      Nd4j.getBlasWrapper().lapack().potrf(l, true);
    } catch (RuntimeException notPositiveDefinite) {
      return null;
    }
    double logDet = 0;
    for (int i = 0; i < n; i++) {
      double d = l.getDouble(i, i);
      if (!(d > 0) || Double.isInfinite(d)) {
        return null;
      }
      logDet += 2 * Math.log(d);
    }
    INDArray yv = Nd4j.createFromArray(y).reshape(n, 1).castTo(DataType.DOUBLE);
    INDArray z = Nd4j.linalg().triangularSolve(l, yv, true, false);
    INDArray alpha = Nd4j.linalg().triangularSolve(l.transpose().dup(), z, false, false);
    double fitTerm = yv.transpose().mmul(alpha).getDouble(0);
    double ll = -0.5 * fitTerm - 0.5 * logDet - 0.5 * n * Math.log(2 * Math.PI);
    if (!Double.isFinite(ll)) {
      return null;
    }
    return new GaussianProcess(theta, x, featureParam, l, alpha, ll);
  }

  /** The Matern 5/2 kernel between rows of {@code a} and rows of {@code b}. */
  private static double[][] kernel(double[][] a, double[][] b, double[] theta, int[] featureParam) {
    int params = theta.length - 2;
    double[] inverseLength = new double[params];
    for (int j = 0; j < params; j++) {
      inverseLength[j] = Math.exp(-theta[j]);
    }
    double signal = Math.exp(theta[params]);
    double[][] k = new double[a.length][b.length];
    for (int i = 0; i < a.length; i++) {
      for (int m = 0; m < b.length; m++) {
        double r2 = 0;
        for (int f = 0; f < featureParam.length; f++) {
          double d = (a[i][f] - b[m][f]) * inverseLength[featureParam[f]];
          r2 += d * d;
        }
        double r = Math.sqrt(r2);
        k[i][m] = signal * (1 + SQRT5 * r + 5 * r2 / 3) * Math.exp(-SQRT5 * r);
      }
    }
    return k;
  }
}
