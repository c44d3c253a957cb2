package dev.modelsweep.worker.bench;

import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.train.EpochListener;
import dev.modelsweep.activities.train.TrialEvaluator;
import dev.modelsweep.activities.train.TrialTrainer;
import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.client.SweepHandle;
import dev.modelsweep.search.Sampler;
import dev.modelsweep.search.Samplers;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.EvaluateRequest;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrainResult;
import dev.modelsweep.trial.TrialConfig;
import dev.modelsweep.trial.TrialConfigs;
import dev.modelsweep.trial.TrialResult;
import dev.modelsweep.worker.EmbeddedTemporal;
import dev.modelsweep.worker.SweepWorker;
import dev.modelsweep.worker.WorkerConfig;
import dev.modelsweep.workflow.SweepResult;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What durability costs: the same trials through the Temporal sweep (embedded service, one
 * training slot) and through the same trainer in a plain Java loop, in one run. The sweep runs
 * twice, on the same service: with the sticky workflow cache off (every workflow task replays its
 * whole history: how workers on an in-memory service in another process run) and on (a worker in
 * the service's own process, as in {@code dev}), each with a client polling its progress as {@code
 * dev} and {@code watch} do; {@link StepTimes} tells where each one's time went.
 *
 * <p>Each way runs warm: the plain loop trains, and each worker runs a sweep of, the warm-up's
 * trials untimed first, as on a worker that has run a sweep before. The first sweeps in a JVM also
 * pay for loading and compiling the service's, the SDK's and the workflows' code, which takes far
 * more trials than the trainer's step loop needs (README: Benchmarks); the report keeps the
 * warm-up sweeps' figures too.
 */
public final class OrchestrationBenchmark {

  /** How often the benchmark's client asks for progress, as {@code watch} does. */
  static final Duration POLL = Duration.ofMillis(500);

  /**
   * One run of the Temporal sweep.
   *
   * @param mode how it ran
   * @param trials trials it ran
   * @param totalMs start to result, as its client saw it
   * @param steps where the time went, by the service's timestamps
   * @param queryMs mean latency of a progress query while it ran
   * @param queries progress queries answered while it ran
   */
  public record SweepRun(String mode, int trials, double totalMs, StepTimes steps, double queryMs, int queries) {

    /**
     * Milliseconds per trial spent outside its activities: orchestration alone. Unlike {@link
     * Report#overheadPerTrialMs}, training that runs faster or slower than in the plain loop (a
     * loaded machine) does not count, so this is the benchmark's figure.
     */
    public double orchestrationPerTrialMs() {
      return (totalMs - steps.activityMillis()) / trials;
    }
  }

  /**
   * The whole measurement.
   *
   * @param trials trials of each way of running them
   * @param plainMs the plain Java loop, all trials
   * @param startupMs starting the embedded service and a worker
   * @param sweeps the timed Temporal sweeps: sticky cache off, then on
   * @param warmups the untimed sweep that ran before each of {@code sweeps} on the same worker;
   *     empty when there were none
   */
  public record Report(int trials, double plainMs, double startupMs, List<SweepRun> sweeps, List<SweepRun> warmups) {

    /** Milliseconds per trial that {@code sweep} spent beyond the plain loop. */
    public double overheadPerTrialMs(SweepRun sweep) {
      return (sweep.totalMs() - plainMs) / trials;
    }
  }

  private OrchestrationBenchmark() {}

  /** The steps {@link SweepRun#steps()} measures, in order. */
  public static List<String> steps() {
    return StepTimes.STEPS;
  }

  /** A small digits sweep: {@code trials} random trials of {@code epochs} epochs each. */
  public static SweepSpec spec(int trials, int epochs) {
    return spec(trials, epochs, 11);
  }

  /** {@link #spec(int, int)} for a warm-up: other trials (another seed) of the same model and data. */
  public static SweepSpec warmupSpec(int trials, int epochs) {
    return spec(trials, epochs, 12);
  }

  private static SweepSpec spec(int trials, int epochs, long seed) {
    return SpecParser.parse(String.format(Locale.ROOT,
        """
        {"name": "bench", "seed": %d, "dataset": "digits",
         "model": {"family": "mlp", "depth": 1, "width": 32},
         "training": {"epochs": %d, "batchSize": 64, "checkpointEvery": 1},
         "optimizer": {"type": "adam", "learningRate": 0.005},
         "search": {"strategy": "random", "trials": %d, "space": {
           "model.width": {"type": "choice", "values": [16, 32, 64]},
           "optimizer.learningRate": {"type": "float", "min": 0.001, "max": 0.01, "log": true}}}}
        """, seed, epochs, trials));
  }

  /**
   * Runs the trials of {@code spec} each way, each after an untimed run of the trials of {@code
   * warmup} (a spec of its own, so that no trial of the warm-up is a trial timed after it; null for
   * none but one untimed plain trial, which loads the engine and the data set).
   */
  public static Report run(SweepSpec spec, SweepSpec warmup, Path artifacts) throws IOException, InterruptedException {
    ArtifactStore store = new ArtifactStore(artifacts);
    TrialTrainer trainer = new TrialTrainer(store);
    TrialEvaluator evaluator = new TrialEvaluator(store);
    if (warmup == null) {
      plainLoop(spec, "bench-warmup", trainer, evaluator, 1);
    } else {
      plainLoop(warmup, "bench-warmup", trainer, evaluator, Samplers.create(warmup).plannedTrials());
    }

    int trials = Samplers.create(spec).plannedTrials();
    long start = System.nanoTime();
    plainLoop(spec, "bench-plain", trainer, evaluator, trials);
    double plainMs = millisSince(start);

    start = System.nanoTime();
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(0);
        SweepClient client = SweepClient.connect(
            ConnectionOptions.newBuilder().setTarget(temporal.target()).build())) {
      WorkerConfig.Builder config = WorkerConfig.newBuilder().setArtifactRoot(artifacts).setTrainingSlots(1);
      List<SweepRun> sweeps = new ArrayList<>();
      List<SweepRun> warmups = new ArrayList<>();
      double startupMs = Double.NaN;
      for (boolean sticky : new boolean[] {false, true}) {
        String id = sticky ? "bench-sticky" : "bench-replaying";
        String mode = sticky ? "Temporal sweep, sticky cache (after)" : "Temporal sweep, no sticky cache (before)";
        try (SweepWorker worker = SweepWorker.start(client.workflowClient(), config.setStickyCache(sticky).build())) {
          if (!sticky) {
            startupMs = millisSince(start);
          }
          if (warmup != null) {
            warmups.add(sweep(client, warmup, id + "-warmup", mode));
          }
          sweeps.add(sweep(client, spec, id, mode));
        }
      }
      return new Report(trials, plainMs, startupMs, sweeps, warmups);
    }
  }

  /** Runs {@code spec} as sweep {@code id}, asking for its progress every {@link #POLL} meanwhile. */
  private static SweepRun sweep(SweepClient client, SweepSpec spec, String id, String mode)
      throws InterruptedException {
    int trials = Samplers.create(spec).plannedTrials();
    long start = System.nanoTime();
    SweepHandle handle = client.start(spec, id);
    AtomicBoolean done = new AtomicBoolean();
    List<Double> queryMs = new ArrayList<>();
    Thread poller = new Thread(() -> {
      while (!done.get()) {
        long asked = System.nanoTime();
        handle.progress();
        queryMs.add(millisSince(asked));
        try {
          Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-progress");
    poller.start();
    SweepResult result = handle.result();
    double totalMs = millisSince(start);
    done.set(true);
    poller.join();
    if (result.trials().size() != trials) {
      throw new IllegalStateException("sweep ran " + result.trials().size() + " of " + trials);
    }
    StepTimes steps = new StepTimes();
    WorkflowClient workflows = client.workflowClient();
    steps.add(workflows.fetchHistory(id));
    for (TrialResult trial : result.trials()) {
      steps.add(workflows.fetchHistory(id + "/" + trial.id()));
    }
    return new SweepRun(mode, trials, totalMs, steps,
        queryMs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN), queryMs.size());
  }

  private static void plainLoop(
      SweepSpec spec, String sweepId, TrialTrainer trainer, TrialEvaluator evaluator, int trials)
      throws IOException {
    Sampler strategy = Samplers.create(spec);
    for (int i = 0; i < trials; i++) {
      Optional<Map<String, Object>> params = strategy.propose(i, List.of());
      if (params.isEmpty()) {
        return;
      }
      TrialConfig trial = TrialConfigs.resolve(spec, sweepId, i, params.get());
      TrainResult trained = trainer.train(TrainRequest.full(trial), EpochListener.NONE);
      evaluator.evaluate(new EvaluateRequest(trial, trained.model()));
    }
  }

  private static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }
}
