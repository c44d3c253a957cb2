package dev.modelsweep.activities.train;

import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrainResult;
import dev.modelsweep.trial.TrialConfig;
import java.io.IOException;
import java.nio.file.Path;

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

  static TrainResult straight(Path root, TrialConfig trial) throws IOException {
    return new TrialTrainer(new ArtifactStore(root)).train(TrainRequest.full(trial), EpochListener.NONE);
  }

  static byte[] modelBytes(Path root, TrainResult result) throws IOException {
    return new ArtifactStore(root).read(result.model());
  }
}
