package dev.modelsweep.activities.data;

import java.util.Random;

/**
 * Fisher-Yates shuffling and seed mixing, written out here rather than borrowed from {@code
 * Collections.shuffle} so that the exact permutation for a seed is pinned by this code, whatever
 * the JDK: splits, subsamples and epoch orders must come out the same on every worker.
 */
public final class Shuffle {

  private Shuffle() {}

  /** Permutes {@code a} in place using {@code random}. */
  public static void permute(int[] a, Random random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** {@code 0, 1, ..., n-1}. */
  public static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  /**
   * A seed derived from a base seed and a purpose plus counters (such as an epoch), so that
   * streams for different purposes never share a sequence. SplitMix64 finaliser per part.
   */
  public static long mix(long seed, long... parts) {
    long h = seed;
    for (long p : parts) {
      h = splitMix(h ^ splitMix(p + 0x9E3779B97F4A7C15L));
    }
    return splitMix(h);
  }

  private static long splitMix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
