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
 */
public final class OrchestrationBenchmark {

  /** How often the benchmark's client asks for progress, as {@code watch} does. */
  static final Duration POLL = Duration.ofMillis(500);

  /**
   * One run of the Temporal sweep.
   *
   * @param mode how it ran
   * @param totalMs start to result, as its client saw it
   * @param steps where the time went, by the service's timestamps
   * @param queryMs mean latency of a progress query while it ran
   * @param queries progress queries answered while it ran
   */
  public record SweepRun(String mode, double totalMs, StepTimes steps, double queryMs, int queries) {}

  /**
   * The whole measurement.
   *
   * @param trials trials of each way of running them
   * @param plainMs the plain Java loop, all trials
   * @param startupMs starting the embedded service and a worker
   * @param sweeps the Temporal sweeps: sticky cache off, then on
   */
  public record Report(int trials, double plainMs, double startupMs, List<SweepRun> sweeps) {

    /** Milliseconds per trial that {@code sweep} spent beyond the plain loop. */
    public double overheadPerTrialMs(SweepRun sweep) {
      return (sweep.totalMs() - plainMs) / trials;
    }

    /**
     * Milliseconds per trial that {@code sweep} spent outside its activities: orchestration alone.
     * Unlike {@link #overheadPerTrialMs}, training that runs faster or slower than in the plain loop
     * (a loaded machine) does not count, so this is the benchmark's figure.
     */
    public double orchestrationPerTrialMs(SweepRun sweep) {
      return (sweep.totalMs() - sweep.steps().activityMillis()) / trials;
    }
  }

  private OrchestrationBenchmark() {}

  /** The steps {@link SweepRun#steps()} measures, in order. */
  public static List<String> steps() {
    return StepTimes.STEPS;
  }

  /** A small digits sweep: {@code trials} random trials of {@code epochs} epochs each. */
  public static SweepSpec spec(int trials, int epochs) {
    return SpecParser.parse(String.format(Locale.ROOT,
        """
        {"name": "bench", "seed": 11, "dataset": "digits",
         "model": {"family": "mlp", "depth": 1, "width": 32},
         "training": {"epochs": %d, "batchSize": 64, "checkpointEvery": 1},
         "optimizer": {"type": "adam", "learningRate": 0.005},
         "search": {"strategy": "random", "trials": %d, "space": {
           "model.width": {"type": "choice", "values": [16, 32, 64]},
           "optimizer.learningRate": {"type": "float", "min": 0.001, "max": 0.01, "log": true}}}}
        """, epochs, trials));
  }

  public static Report run(SweepSpec spec, Path artifacts) throws IOException, InterruptedException {
    ArtifactStore store = new ArtifactStore(artifacts);
    TrialTrainer trainer = new TrialTrainer(store);
    TrialEvaluator evaluator = new TrialEvaluator(store);
    plainLoop(spec, "bench-warmup", trainer, evaluator, 1); // engine and data set loaded once

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
      double startupMs;
      try (SweepWorker worker = SweepWorker.start(client.workflowClient(), config.setStickyCache(false).build())) {
        startupMs = millisSince(start);
        sweeps.add(sweep(client, spec, "bench-replaying", "Temporal sweep, no sticky cache (before)", trials));
      }
      try (SweepWorker worker = SweepWorker.start(client.workflowClient(), config.setStickyCache(true).build())) {
        sweeps.add(sweep(client, spec, "bench-sticky", "Temporal sweep, sticky cache (after)", trials));
      }
      return new Report(trials, plainMs, startupMs, sweeps);
    }
  }

  /** Runs {@code spec} as sweep {@code id}, asking for its progress every {@link #POLL} meanwhile. */
  private static SweepRun sweep(SweepClient client, SweepSpec spec, String id, String mode, int trials)
      throws InterruptedException {
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
    return new SweepRun(mode, totalMs, steps,
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
