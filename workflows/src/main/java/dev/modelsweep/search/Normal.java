package dev.modelsweep.search;

/**
 * The standard normal distribution in {@link StrictMath}, the same on every JVM: tpe uses it in
 * workflow code and gp's activity for expected improvement.
 */
public final class Normal {

  private static final double LOG_SQRT_2PI = 0.5 * StrictMath.log(2 * StrictMath.PI);

  private Normal() {}

  /** The density at {@code z}. */
  public static double pdf(double z) {
    return StrictMath.exp(logPdf(z));
  }

  public static double logPdf(double z) {
    return -0.5 * z * z - LOG_SQRT_2PI;
  }

  /** The distribution function at {@code z}, absolute error below 1.2e-7. */
  public static double cdf(double z) {
    return 0.5 * erfc(-z / StrictMath.sqrt(2));
  }

  /**
   * The complementary error function by the Chebyshev fit in Numerical Recipes (section 6.2),
   * fractional error below 1.2e-7 everywhere.
   */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r = t * StrictMath.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }
}
