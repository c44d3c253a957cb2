package dev.modelsweep.worker.serve;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Requests at a fixed concurrency, paced or as fast as answers come: what {@code bench serve} runs
 * in a process of its own against a server, and in-process against a plain predict call.
 *
 * <p>Paced ({@code rate > 0}): each of the {@code concurrency} callers starts its k-th call at
 * {@code start + k * concurrency / rate}, and a call's latency runs from that scheduled start, so a
 * stall delays and counts against every call scheduled during it (no coordinated omission).
 * Closed ({@code rate == 0}): each caller starts its next call when the last one answered. A
 * paced caller that falls a whole measured window behind stops, and the calls it still owed count
 * as errors.
 *
 * <p>The warm-up runs closed loops whatever the rate, and the paced schedule starts when it ends:
 * a fresh JVM compiles while it warms up, and a schedule that started then would carry that
 * backlog into the measured window.
 */
public final class LoadGenerator {

  /**
   * The outcome of a run.
   *
   * @param calls calls answered in the measured window
   * @param errors calls that failed (an exception or a status other than 200), or were never made
   *     because the caller fell a whole window behind its schedule
   * @param p50Ms median latency
   * @param p99Ms 99th percentile latency
   * @param throughputPerS calls answered per second
   */
  public record Result(long calls, long errors, double p50Ms, double p99Ms, double throughputPerS) {

    /** One line, as the load generator's process prints it and {@link #parse} reads it. */
    public String line() {
      return String.format(Locale.ROOT, "%d %d %.6f %.6f %.3f", calls, errors, p50Ms, p99Ms, throughputPerS);
    }

    public static Result parse(String line) {
      String[] f = line.trim().split(" ");
      return new Result(Long.parseLong(f[0]), Long.parseLong(f[1]), Double.parseDouble(f[2]),
          Double.parseDouble(f[3]), Double.parseDouble(f[4]));
    }
  }

  /** One call; throws or returns false on failure. */
  @FunctionalInterface
  public interface Call {
    boolean run() throws Exception;
  }

  /** How long before a paced call's start its caller stops parking and spins. */
  private static final long SPIN_NANOS = 300_000;

  private LoadGenerator() {}

  /**
   * Runs {@code call} from {@code concurrency} threads for {@code warmup} (not measured), then for
   * {@code measured}.
   *
   * @param rate calls per second in all, or 0 for closed loops
   */
  public static Result run(Call call, int concurrency, double rate, Duration warmup, Duration measured)
      throws InterruptedException {
    long start = System.nanoTime();
    long measureFrom = start + warmup.toNanos();
    long end = measureFrom + measured.toNanos();
    long giveUp = end + measured.toNanos();
    long interval = rate > 0 ? (long) (1e9 * concurrency / rate) : 0;
    int capacity = (int) Math.min(50_000_000L, Math.max(1024L, (long) (rate > 0 ? rate : 200_000) * (measured.toSeconds() + 1)));
    long[][] latencies = new long[concurrency][];
    int[] counts = new int[concurrency];
    AtomicLong errors = new AtomicLong();
    Thread[] threads = new Thread[concurrency];
    for (int t = 0; t < concurrency; t++) {
      int id = t;
      latencies[id] = new long[capacity / concurrency + 1];
      threads[t] = new Thread(() -> {
        // Callers start staggered within one interval, so paced calls arrive evenly.
        long scheduled = measureFrom + (interval == 0 ? 0 : interval * id / concurrency);
        while (true) {
          long now = System.nanoTime();
          if (now < measureFrom) {
            try {
              call.run();
            } catch (Exception e) {
              // warm-up calls are not counted
            }
            continue;
          }
          if (interval == 0) {
            scheduled = now;
          }
          if (scheduled >= end) {
            return;
          }
          waitUntil(scheduled);
          if (now > giveUp) {
            // A caller a whole window behind its schedule will not catch up: the calls it still
            // owes count as errors rather than stretching the run without bound.
            errors.addAndGet((end - scheduled + interval - 1) / interval);
            return;
          }
          boolean ok;
          try {
            ok = call.run();
          } catch (Exception e) {
            ok = false;
          }
          long done = System.nanoTime();
          if (!ok) {
            errors.incrementAndGet();
          } else if (counts[id] < latencies[id].length) {
            latencies[id][counts[id]++] = done - scheduled;
          }
          scheduled += interval;
        }
      }, "load-" + t);
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int t = 0; t < concurrency; t++) {
      System.arraycopy(latencies[t], 0, all, at, counts[t]);
      at += counts[t];
    }
    Arrays.sort(all);
    return new Result(total, errors.get(), percentile(all, 0.50), percentile(all, 0.99),
        total / (measured.toNanos() / 1e9));
  }

  /**
   * Parks until shortly before {@code deadline}, then spins: waking from a park takes the OS tens
   * of microseconds to milliseconds, which would count against a call that had not even started.
   */
  private static void waitUntil(long deadline) {
    long left = deadline - System.nanoTime();
    if (left > SPIN_NANOS) {
      LockSupport.parkNanos(left - SPIN_NANOS);
    }
    while (System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
  }

  /**
   * The load generator's own process: {@code URL BODY CONCURRENCY RATE WARMUP_S MEASURED_S}; posts
   * BODY (JSON) to URL and prints {@link Result#line()}.
   */
  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    String body = args[1];
    int concurrency = Integer.parseInt(args[2]);
    double rate = Double.parseDouble(args[3]);
    ThreadLocal<KeepAliveConnection> connection =
        ThreadLocal.withInitial(() -> new KeepAliveConnection(uri, body, 10_000));
    Result result = run(() -> connection.get().post() == 200,
        concurrency, rate, Duration.ofMillis((long) (Double.parseDouble(args[4]) * 1000)),
        Duration.ofMillis((long) (Double.parseDouble(args[5]) * 1000)));
    System.out.println(result.line());
  }
}
