package dev.modelsweep.activities.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import dev.modelsweep.activities.data.Table;
import dev.modelsweep.activities.model.Network;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a trained network costs to serve on one CPU thread: single-example latency percentiles and
 * rows per second at batch {@value #BATCH}.
 *
 * <p>Measured so that the same model gives the same figures on an idle worker and on one whose
 * other slots train beside it (the {@code bench latency} command shows both):
 *
 * <ul>
 *   <li>one measurement at a time per JVM: a fair lock, so two evaluations on one worker never time
 *       at once and compete for the same cores;
 *   <li>one libtorch intra-op thread while timing (the worker's setting already; another is put
 *       back afterwards), so the figure is what one serving thread sees and does not depend on how
 *       many cores are free;
 *   <li>{@value #WARMUP} untimed passes first (allocator, caches, lazy initialisation);
 *   <li>{@value #ROUNDS} rounds of {@value #PASSES} timed passes, each pass one test row end to end
 *       (create the input array, forward, read the logits back), percentiles by nearest rank per
 *       round, and the median of the rounds: a round in which the OS preempted the thread more
 *       than usual is outvoted by the others;
 *   <li>throughput likewise: {@value #ROUNDS} rounds of {@value #BATCHES} batches, median of the
 *       rounds' rows per second.
 * </ul>
 */
public final class ServingCost {

  static final int WARMUP = 100;
  static final int ROUNDS = 7;
  static final int PASSES = 200;
  /** Rows per batch of the throughput figure. */
  public static final int BATCH = 32;
  static final int BATCHES = 100;

  /** Held while timing, so evaluations on one worker take turns. */
  private static final ReentrantLock TIMING = new ReentrantLock(true);

  /**
   * Serving cost figures.
   *
   * @param latencyP50Ms median single-example latency
   * @param latencyP95Ms its 95th percentile
   * @param latencyP99Ms its 99th percentile
   * @param throughputPerS rows per second at batch {@value #BATCH}
   */
  public record Figures(double latencyP50Ms, double latencyP95Ms, double latencyP99Ms, double throughputPerS) {}

  private ServingCost() {}

  /** Measures {@code net} on rows of {@code rows} (cycled), on the calling thread. */
  @SuppressWarnings("try") // the NDScope frees each pass's arrays; it is never referenced
  public static Figures measure(Network net, ParameterStore ps, NDManager manager, Table rows) {
    TIMING.lock();
    int threads = JniUtils.getNumThreads();
    try {
      if (threads != 1) {
        JniUtils.setNumThreads(1);
      }
      int f = rows.features();
      float[] batch = new float[BATCH * f];
      for (int i = 0; i < WARMUP; i++) {
        pass(net, ps, manager, row(rows, i), 1);
      }
      double[][] percentiles = new double[3][ROUNDS];
      double[] throughput = new double[ROUNDS];
      int next = 0;
      for (int round = 0; round < ROUNDS; round++) {
        double[] ms = new double[PASSES];
        for (int i = 0; i < PASSES; i++) {
          float[] x = row(rows, next++);
          long start = System.nanoTime();
          pass(net, ps, manager, x, 1);
          ms[i] = (System.nanoTime() - start) / 1e6;
        }
        percentiles[0][round] = percentile(ms, 0.50);
        percentiles[1][round] = percentile(ms, 0.95);
        percentiles[2][round] = percentile(ms, 0.99);
        long start = System.nanoTime();
        for (int b = 0; b < BATCHES; b++) {
          for (int r = 0; r < BATCH; r++) {
            System.arraycopy(rows.x(), ((next++) % rows.rows()) * f, batch, r * f, f);
          }
          pass(net, ps, manager, batch, BATCH);
        }
        throughput[round] = (double) BATCH * BATCHES / ((System.nanoTime() - start) / 1e9);
      }
      return new Figures(median(percentiles[0]), median(percentiles[1]), median(percentiles[2]), median(throughput));
    } finally {
      if (threads != 1) {
        JniUtils.setNumThreads(threads);
      }
      TIMING.unlock();
    }
  }

  private static float[] row(Table rows, int i) {
    int f = rows.features();
    int r = i % rows.rows();
    return Arrays.copyOfRange(rows.x(), r * f, (r + 1) * f);
  }

  @SuppressWarnings("try")
  private static void pass(Network net, ParameterStore ps, NDManager manager, float[] x, int count) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray input = manager.create(x, net.batchShape(count));
      net.block().forward(ps, new NDList(input), false).singletonOrThrow().toFloatArray();
    }
  }

  /** Nearest-rank percentile. */
  static double percentile(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** The middle value (the lower middle of an even count). */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[(sorted.length - 1) / 2];
  }
}
