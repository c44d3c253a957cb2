package dev.modelsweep.search;

/**
 * A scrambled Sobol sequence in {@code [0, 1)^d}, 32 bits per coordinate.
 *
 * <p>Dimension 1 is van der Corput's; dimension {@code j > 1} uses the {@code (j-1)}-th primitive
 * polynomial over GF(2), ordered by degree and then by coefficients (found here by testing, not
 * tabulated), with the initial direction numbers of Joe and Kuo (2008) for dimensions 2-21 and
 * seeded odd numbers below {@code 2^k} beyond (any such choice is a valid Sobol construction;
 * Joe and Kuo's are chosen for even two-dimensional projections).
 *
 * <p>Scrambling, seeded: a random linear matrix scramble (a random lower-triangular binary
 * matrix with a unit diagonal multiplies each dimension's generator matrix) and a random digital
 * shift. Both keep the net property: the first {@code 2^m} points put exactly one point in each
 * of the {@code 2^m} equal intervals of every single coordinate.
 *
 * <p>Point {@code i} is computed from {@code i} alone (no state), with integer arithmetic only.
 */
final class SobolSequence {

  private static final int BITS = 32;

  /** Initial direction numbers m_1..m_s of dimensions 2-21 (Joe and Kuo, new-joe-kuo-6.21201). */
  private static final int[][] JOE_KUO = {
    {1}, {1, 3}, {1, 3, 1}, {1, 1, 1}, {1, 1, 3, 3}, {1, 3, 5, 13}, {1, 1, 5, 5, 17}, {1, 1, 5, 5, 5},
    {1, 1, 7, 11, 19}, {1, 1, 5, 1, 1}, {1, 1, 1, 3, 11}, {1, 3, 5, 5, 31}, {1, 3, 3, 9, 7, 49},
    {1, 1, 1, 15, 21, 21}, {1, 3, 1, 13, 27, 49}, {1, 1, 1, 15, 7, 5}, {1, 3, 1, 15, 13, 25},
    {1, 1, 5, 5, 19, 61}, {1, 3, 7, 11, 23, 15, 103}, {1, 3, 7, 13, 13, 15, 69},
  };

  /** Keeps Sobol's scrambling streams apart from other users of the sweep seed. */
  private static final long SALT = 0x50B01_0000_0001L;

  /** Per dimension, the scrambled direction numbers: column k is {@code directions[j][k]}. */
  private final int[][] directions;
  private final int[] shifts;

  SobolSequence(int dimensions, long seed) {
    directions = new int[dimensions][];
    shifts = new int[dimensions];
    long[] polynomials = primitivePolynomials(Math.max(0, dimensions - 1));
    for (int j = 0; j < dimensions; j++) {
      SplitMix64 rng = new SplitMix64(SplitMix64.combine(seed ^ SALT, j));
      int[] v = j == 0 ? vanDerCorput() : directionNumbers(polynomials[j - 1], j, rng);
      directions[j] = scramble(v, rng);
      shifts[j] = (int) rng.nextLong();
    }
  }

  int dimensions() {
    return directions.length;
  }

  /** Point {@code index} (0-based). */
  double[] point(long index) {
    if (index < 0 || index >= (1L << BITS)) {
      throw new IllegalArgumentException("Sobol index " + index + " outside [0, 2^32)");
    }
    double[] u = new double[directions.length];
    for (int j = 0; j < u.length; j++) {
      int x = shifts[j];
      for (int k = 0; k < BITS; k++) {
        if ((index >>> k & 1) != 0) {
          x ^= directions[j][k];
        }
      }
      u[j] = Integer.toUnsignedLong(x) * 0x1.0p-32;
    }
    return u;
  }

  private static int[] vanDerCorput() {
    int[] v = new int[BITS];
    for (int k = 0; k < BITS; k++) {
      v[k] = 1 << (BITS - 1 - k);
    }
    return v;
  }

  /**
   * Direction numbers {@code v_k = m_k / 2^k} (as 32-bit fractions) of a primitive polynomial of
   * degree {@code s} with inner coefficients {@code a}, by Bratley and Fox's recurrence.
   */
  private static int[] directionNumbers(long polynomial, int dimension, SplitMix64 rng) {
    int s = 63 - Long.numberOfLeadingZeros(polynomial);
    long a = (polynomial >>> 1) & ((1L << (s - 1)) - 1);
    int[] m = dimension - 1 < JOE_KUO.length ? JOE_KUO[dimension - 1] : null;
    int[] v = new int[BITS];
    for (int k = 0; k < Math.min(s, BITS); k++) {
      long mk = m != null ? m[k] : (rng.nextBounded(1L << k) << 1) | 1; // odd, below 2^(k+1)
      v[k] = (int) (mk << (BITS - 1 - k));
    }
    for (int k = s; k < BITS; k++) {
      int x = v[k - s] ^ (v[k - s] >>> s);
      for (int i = 1; i < s; i++) {
        if ((a >>> (s - 1 - i) & 1) != 0) {
          x ^= v[k - i];
        }
      }
      v[k] = x;
    }
    return v;
  }

  /** {@code L * v} for a seeded lower-triangular binary {@code L} with a unit diagonal; digit 0 is the top bit. */
  private static int[] scramble(int[] v, SplitMix64 rng) {
    int[] rows = new int[BITS];
    for (int i = 0; i < BITS; i++) {
      int diagonal = 1 << (BITS - 1 - i);
      // Random bits on the digits before i (higher bits); for i = 0, diagonal << 1 wraps to 0 and the mask is empty.
      rows[i] = ((int) rng.nextLong() & ~((diagonal << 1) - 1)) | diagonal;
    }
    int[] out = new int[BITS];
    for (int k = 0; k < BITS; k++) {
      int x = 0;
      for (int i = 0; i < BITS; i++) {
        if ((Integer.bitCount(rows[i] & v[k]) & 1) != 0) {
          x |= 1 << (BITS - 1 - i);
        }
      }
      out[k] = x;
    }
    return out;
  }

  /**
   * The first {@code count} primitive polynomials over GF(2) of degree at least 1, ordered by
   * degree and then by value, each as its bits ({@code x^s + ... + 1}).
   */
  static long[] primitivePolynomials(int count) {
    long[] out = new long[count];
    int found = 0;
    for (int s = 1; found < count; s++) {
      for (long p = (1L << s) | 1; p < (1L << (s + 1)) && found < count; p += 2) {
        if (isPrimitive(p, s)) {
          out[found++] = p;
        }
      }
    }
    return out;
  }

  /** Whether x has order {@code 2^s - 1} modulo {@code p}, which makes {@code p} primitive. */
  private static boolean isPrimitive(long p, int s) {
    long period = (1L << s) - 1;
    long x = 1;
    for (long k = 1; k <= period; k++) {
      x <<= 1;
      if ((x >>> s & 1) != 0) {
        x ^= p;
      }
      if (x == 1) {
        return k == period;
      }
    }
    return false;
  }
}
