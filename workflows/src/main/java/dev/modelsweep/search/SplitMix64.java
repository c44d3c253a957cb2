package dev.modelsweep.search;

/**
 * SplitMix64 (Steele, Lea and Flood), spelled out here rather than borrowed from {@link
 * java.util.Random} or {@link java.util.random.RandomGenerator}, so that every value random search
 * draws is fixed by this code alone and never by a JDK version.
 */
final class SplitMix64 {

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private long state;

  SplitMix64(long seed) {
    this.state = seed;
  }

  /** A well-mixed 64-bit hash of {@code z}: the SplitMix64 output function. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A seed derived from two values; different pairs give unrelated seeds. */
  static long combine(long a, long b) {
    return mix(a ^ mix(b + GOLDEN));
  }

  /** 64-bit FNV-1a of a string's UTF-16 units, the same on every JVM. */
  static long hash(String s) {
    long h = 0xCBF29CE484222325L;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001B3L;
    }
    return h;
  }

  long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  /** Uniform in [0, 1), 53 random bits. */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, n) without modulo bias, for {@code n > 0}. */
  long nextBounded(long n) {
    long bits;
    long value;
    do {
      bits = nextLong() >>> 1;
      value = bits % n;
    } while (bits - value + (n - 1) < 0);
    return value;
  }
}
