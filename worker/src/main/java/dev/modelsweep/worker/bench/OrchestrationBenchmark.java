package dev.modelsweep.worker.bench;

import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.train.EpochListener;
import dev.modelsweep.activities.train.TrialEvaluator;
import dev.modelsweep.activities.train.TrialTrainer;
import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.search.Samplers;
import dev.modelsweep.search.Sampler;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.spec.TrialConfigs;
import dev.modelsweep.trial.EvaluateRequest;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrainResult;
import dev.modelsweep.trial.TrialConfig;
import dev.modelsweep.worker.EmbeddedTemporal;
import dev.modelsweep.worker.SweepWorker;
import dev.modelsweep.worker.WorkerConfig;
import dev.modelsweep.workflow.SweepResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What durability costs: the same trials through the Temporal sweep (embedded service, one
 * training slot) and through the same trainer in a plain Java loop, in one run.
 */
public final class OrchestrationBenchmark {

  /** One measured way of running the trials. */
  public record Row(String mode, int trials, double totalMs) {
    public double perTrialMs() {
      return totalMs / trials;
    }
  }

  private OrchestrationBenchmark() {}

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

  public static List<Row> run(SweepSpec spec, Path artifacts) throws IOException {
    ArtifactStore store = new ArtifactStore(artifacts);
    TrialTrainer trainer = new TrialTrainer(store);
    TrialEvaluator evaluator = new TrialEvaluator(store);
    plainLoop(spec, "bench-warmup", trainer, evaluator, 1); // engine and data set loaded once

    int trials = Samplers.create(spec).plannedTrials();
    long start = System.nanoTime();
    plainLoop(spec, "bench-plain", trainer, evaluator, trials);
    double plainMs = millisSince(start);

    start = System.nanoTime();
    double temporalMs;
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(0);
        SweepClient client = SweepClient.connect(
            ConnectionOptions.newBuilder().setTarget(temporal.target()).build());
        SweepWorker worker = SweepWorker.start(client.workflowClient(),
            WorkerConfig.newBuilder().setArtifactRoot(artifacts).setTrainingSlots(1).build())) {
      double startupMs = millisSince(start);
      start = System.nanoTime();
      SweepResult result = client.start(spec, "bench-temporal").result();
      temporalMs = millisSince(start);
      if (result.trials().size() != trials) {
        throw new IllegalStateException("sweep ran " + result.trials().size() + " of " + trials);
      }
      return List.of(
          new Row("plain Java loop", trials, plainMs),
          new Row("Temporal sweep", trials, temporalMs),
          new Row("(embedded service + worker start)", 1, startupMs));
    }
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
