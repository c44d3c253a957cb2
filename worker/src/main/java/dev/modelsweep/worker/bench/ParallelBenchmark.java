package dev.modelsweep.worker.bench;

import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.train.EpochListener;
import dev.modelsweep.activities.train.TrialTrainer;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrialConfig;
import dev.modelsweep.trial.TrialConfigs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What {@code training.dataParallel} buys on CPU replicas: per model and global batch size, the
 * epoch's wall-clock time with 1 replica and with more, in one run, and the speed-up. Each replica
 * forwards and back-propagates its share of the batch on a thread of its own (one PyTorch thread
 * each), so on N free cores the arithmetic can overlap; the optimizer step and the gradient sum
 * stay on the trial's thread. Each configuration first trains untimed, as {@link TrainingBenchmark}
 * does, so the JIT has compiled the step loop.
 */
public final class ParallelBenchmark {

  /**
   * One measured configuration.
   *
   * @param label model and data
   * @param batch the global batch, split over the replicas
   * @param replicas {@code training.dataParallel}
   * @param wallSeconds median epoch time, wall clock
   * @param speedUp the 1-replica epoch time over this one's
   */
  public record Row(String label, int batch, int replicas, double wallSeconds, double speedUp) {}

  /** Global batch sizes measured. */
  public static final List<Integer> BATCHES = List.of(128, 512);

  private ParallelBenchmark() {}

  /**
   * Measures each model at each batch size with 1 replica and with each of {@code replicas}.
   *
   * @param epochs epochs per configuration, at least 3 (the first and the last are not timed)
   * @param warmup untimed epochs each configuration trains first
   * @param artifacts a scratch folder for checkpoints
   */
  public static List<Row> run(List<TrainingBenchmark.Model> models, List<Integer> replicas, int epochs, int warmup,
      Path artifacts, Consumer<Row> progress) throws IOException {
    TrainingBenchmark.requireEpochs(epochs);
    for (int n : replicas) {
      if (n < 2) {
        throw new IllegalArgumentException("--replicas: " + n + " must be at least 2 (1 is always measured, as the base)");
      }
    }
    TrialTrainer trainer = new TrialTrainer(new ArtifactStore(artifacts));
    List<Row> rows = new ArrayList<>();
    int index = 0;
    for (TrainingBenchmark.Model model : models) {
      SweepSpec spec = model.spec();
      String label = TrainingBenchmark.label(model);
      for (int batch : BATCHES) {
        List<Integer> counts = new ArrayList<>(List.of(1));
        counts.addAll(replicas);
        double base = Double.NaN;
        for (int n : counts) {
          int trialIndex = index++;
          if (warmup > 0) {
            trainer.train(TrainRequest.full(trial(spec, "bench-parallel-warmup", trialIndex, batch, n, warmup)),
                EpochListener.NONE);
          }
          double wall = TrainingBenchmark.epochTime(trainer, trial(spec, "bench-parallel", trialIndex, batch, n, epochs))
              .wall();
          if (n == 1) {
            base = wall;
          }
          Row row = new Row(label, batch, n, wall, base / wall);
          rows.add(row);
          progress.accept(row);
        }
      }
    }
    return rows;
  }

  private static TrialConfig trial(SweepSpec spec, String sweep, int index, int batch, int replicas, int epochs) {
    return TrialConfigs.resolve(spec, sweep, index, Map.of("optimizer.type", "adam", "training.batchSize", batch,
        "training.dataParallel", replicas, "training.epochs", epochs, "training.checkpointEvery", epochs));
  }
}
