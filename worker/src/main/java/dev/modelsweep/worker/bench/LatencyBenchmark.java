package dev.modelsweep.worker.bench;

import dev.modelsweep.activities.data.Datasets;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.train.EpochListener;
import dev.modelsweep.activities.train.ServingCost;
import dev.modelsweep.activities.train.TrialEvaluator;
import dev.modelsweep.activities.train.TrialTrainer;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.EvaluateRequest;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrainResult;
import dev.modelsweep.trial.TrialConfig;
import dev.modelsweep.trial.TrialConfigs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Whether the evaluator's latency depends on what else the worker does: one trained digits MLP
 * measured by {@link TrialEvaluator#servingCost} (the evaluation's own measurement) alternately on
 * an idle worker and on a busy one, whose other slots train digits MLPs without pause on their own
 * threads, as a worker's other trials do. Idle and busy measurements alternate, so a change of
 * load on the machine during the run falls on both.
 */
public final class LatencyBenchmark {

  /** The model measured: the digits MLP the samples search around. */
  private static final String SPEC = """
      {"name": "bench-latency", "seed": 0, "dataset": "digits",
       "model": {"family": "mlp", "hiddenLayers": [64], "activation": "relu"},
       "training": {"epochs": 5, "batchSize": 32}}
      """;

  /**
   * One measurement.
   *
   * @param busy whether other threads trained meanwhile
   * @param round 1-based
   */
  public record Row(boolean busy, int round, ServingCost.Figures figures) {}

  /**
   * The run's figures and how much training ran beside the busy measurements.
   *
   * @param busyEpochs epochs the busy threads trained during the whole run
   */
  public record Report(List<Row> rows, int busyThreads, int busyEpochs) {

    /** Median over the rows of one kind of the figure {@code pick} reads. */
    public double median(boolean busy, java.util.function.ToDoubleFunction<ServingCost.Figures> pick) {
      double[] values = rows.stream().filter(r -> r.busy() == busy).mapToDouble(r -> pick.applyAsDouble(r.figures()))
          .sorted().toArray();
      return values[(values.length - 1) / 2];
    }
  }

  private LatencyBenchmark() {}

  /**
   * Trains the model once, then measures it {@code rounds} times idle and {@code rounds} times
   * with {@code busyThreads} threads training, alternately.
   */
  public static Report run(Path artifacts, int rounds, int busyThreads, Consumer<Row> progress) throws Exception {
    SweepSpec spec = SpecParser.parse(SPEC);
    ArtifactStore store = new ArtifactStore(artifacts);
    Datasets datasets = Datasets.shared();
    TrialConfig trial = TrialConfigs.resolve(spec, "bench-latency", 0, Map.of());
    TrainResult trained = new TrialTrainer(store, datasets).train(TrainRequest.full(trial), EpochListener.NONE);
    TrialEvaluator evaluator = new TrialEvaluator(store, datasets);
    EvaluateRequest request = new EvaluateRequest(trial, trained.model());
    List<Row> rows = new ArrayList<>();
    AtomicInteger epochs = new AtomicInteger();
    for (int round = 1; round <= rounds; round++) {
      Row idle = new Row(false, round, evaluator.servingCost(request));
      progress.accept(idle);
      rows.add(idle);
      try (Busy busy = Busy.start(spec, store, datasets, busyThreads, epochs)) {
        Row loaded = new Row(true, round, evaluator.servingCost(request));
        progress.accept(loaded);
        rows.add(loaded);
      }
    }
    return new Report(rows, busyThreads, epochs.get());
  }

  /** Ends a busy thread's training at its next epoch. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }

  /** Threads that train one trial after another until closed. */
  private static final class Busy implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private static final AtomicInteger SWEEPS = new AtomicInteger();

    static Busy start(SweepSpec spec, ArtifactStore store, Datasets datasets, int count, AtomicInteger epochs)
        throws InterruptedException {
      Busy busy = new Busy();
      TrialTrainer trainer = new TrialTrainer(store, datasets);
      for (int i = 0; i < count; i++) {
        Thread t = new Thread(() -> {
          while (!busy.stop.get()) {
            // A new sweep id each time: the trainer would return a recorded result for a repeat.
            TrialConfig trial = TrialConfigs.resolve(spec, "busy-" + SWEEPS.incrementAndGet(), 0, Map.of());
            try {
              trainer.train(TrainRequest.full(trial), (metrics, checkpoint) -> {
                epochs.incrementAndGet();
                if (busy.stop.get()) {
                  throw new Stopped();
                }
              });
            } catch (IOException | RuntimeException e) {
              // Stopped, or the load cannot go on: the measurement runs without it either way.
              return;
            }
          }
        }, "busy-trainer-" + i);
        t.setDaemon(true);
        busy.threads.add(t);
        t.start();
      }
      // Let training reach its steady state before the measurement starts.
      Thread.sleep(1000);
      return busy;
    }

    @Override
    public void close() throws InterruptedException {
      stop.set(true);
      for (Thread t : threads) {
        t.join();
      }
    }
  }
}
