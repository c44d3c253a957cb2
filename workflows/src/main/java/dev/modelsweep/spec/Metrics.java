package dev.modelsweep.spec;

import java.util.List;

/**
 * Names of the metrics a finished trial reports; objectives and results use these keys. Part of the
 * spec's vocabulary: {@code objective.metric} must be one of them.
 */
public final class Metrics {
  public static final String VAL_ACCURACY = "val_accuracy";
  public static final String VAL_LOSS = "val_loss";
  public static final String TEST_ACCURACY = "test_accuracy";
  public static final String TEST_LOSS = "test_loss";
  public static final String TRAIN_LOSS = "train_loss";
  public static final String PARAMS = "params";
  public static final String SIZE_BYTES = "size_bytes";
  public static final String LATENCY_P50_MS = "latency_p50_ms";
  public static final String LATENCY_P95_MS = "latency_p95_ms";
  public static final String LATENCY_P99_MS = "latency_p99_ms";
  /** Rows per second of CPU inference at batch 32. */
  public static final String THROUGHPUT_PER_S = "throughput_per_s";
  public static final String EPOCHS = "epochs";
  /**
   * Wall seconds the trial trained, every train call together (one per rung it was continued
   * past); a call retried after a lost worker counts its last attempt.
   */
  public static final String TRAIN_SECONDS = "train_seconds";

  /** Metrics an objective may rank by. The test split is not among them: it never steers search. */
  public static final List<String> OBJECTIVES =
      List.of(VAL_ACCURACY, VAL_LOSS, TRAIN_LOSS, PARAMS, SIZE_BYTES, LATENCY_P50_MS, LATENCY_P95_MS);

  /** Wall-clock measurements: they differ between two runs of the same trial on any machine. */
  public static final List<String> TIMINGS = List.of(LATENCY_P50_MS, LATENCY_P95_MS, LATENCY_P99_MS, THROUGHPUT_PER_S, TRAIN_SECONDS);

  private Metrics() {}
}
