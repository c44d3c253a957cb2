package dev.modelsweep.activities.train;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.store.FolderBlobStore;
import dev.modelsweep.activities.store.ModelLists;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrainResult;
import dev.modelsweep.trial.TrialConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Helpers for running and interrupting trainings in tests. */
final class TrainingRuns {

  /** Thrown by a listener to simulate a worker dying after an epoch. */
  static final class Crash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Crash(int epoch) {
      super("simulated crash after epoch " + epoch);
    }
  }

  private TrainingRuns() {}

  /** A listener that throws {@link Crash} once {@code epoch} has finished (and checkpointed, if due). */
  static EpochListener crashAfter(int epoch) {
    return (metrics, checkpoint) -> {
      if (metrics.epoch() == epoch) {
        throw new Crash(epoch);
      }
    };
  }

  /** {@code plain} as a student of {@code distill}'s teacher. */
  static TrialConfig distilled(TrialConfig plain, dev.modelsweep.spec.DistillSpec distill) {
    return new TrialConfig(plain.sweepId(), plain.trialId(), plain.index(), plain.params(), plain.seed(),
        plain.dataset(), plain.model(), plain.training(), plain.optimizer(), null, distill);
  }

  static TrainResult straight(Path root, TrialConfig trial) throws IOException {
    return new TrialTrainer(new ArtifactStore(root)).train(TrainRequest.full(trial), EpochListener.NONE);
  }

  /** Trains {@code trial} under {@code root} until a crash after {@code epoch}, then again to the end. */
  static TrainResult crashAndResume(Path root, TrialConfig trial, int epoch) throws IOException {
    TrialTrainer trainer = new TrialTrainer(new ArtifactStore(root));
    assertThrows(Crash.class, () -> trainer.train(TrainRequest.full(trial), crashAfter(epoch)));
    return trainer.train(TrainRequest.full(trial), EpochListener.NONE);
  }

  static byte[] modelBytes(Path root, TrainResult result) throws IOException {
    return new ArtifactStore(root).read(result.model());
  }

  /**
   * Trains {@code teacher} under {@code root} and publishes it to the store of every root in
   * {@code into}, as a pipeline would: its weights, its configuration and a one-model list. Returns
   * the list's key, the reference a {@code distill.teacher} or {@code finetune.source} takes.
   */
  static String publish(Path root, TrialConfig teacher, Path... into) throws IOException {
    byte[] weights = modelBytes(root, straight(root, teacher));
    String key = null;
    for (Path target : into) {
      key = ModelLists.putTrained(new FolderBlobStore(target.resolve(FolderBlobStore.DEFAULT_FOLDER)), teacher, weights);
    }
    return key;
  }

  /** The values of one parameter ({@code 01Linear_weight}) of weights saved from {@code trial}'s model. */
  static float[] parameter(TrialConfig trial, int classes, byte[] weights, String name) throws Exception {
    try (ai.djl.ndarray.NDManager manager = ai.djl.engine.Engine.getEngine("PyTorch").newBaseManager()) {
      dev.modelsweep.activities.model.Network net =
          dev.modelsweep.activities.model.ModelFactory.build(trial.model(), List.of(1, 8, 8), classes);
      net.initialize(manager, 0);
      Weights.load(net, manager, weights);
      for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : net.block().getParameters()) {
        if (p.getKey().equals(name)) {
          return p.getValue().getArray().toFloatArray();
        }
      }
    }
    throw new IllegalArgumentException("no parameter " + name);
  }
}
