package dev.modelsweep.activities.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.activities.Trials;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.spec.OptimizerSpec;
import dev.modelsweep.spec.ScheduleSpec;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrainResult;
import dev.modelsweep.trial.TrialConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The key proof: a trial that crashes after a checkpoint and resumes ends with exactly the bits
 * of one trained straight through, for every optimizer.
 */
class ResumeTest {

  @TempDir Path straightDir;
  @TempDir Path resumedDir;

  /**
   * Digits MLP with dropout and batch norm, weight decay and a warm-up cosine schedule, 6 epochs,
   * checkpoints every 2; the interrupted run dies after epoch 3 (last checkpoint 2, one epoch of
   * work lost) or 4 (checkpoint just written), alternating by optimizer.
   */
  @ParameterizedTest
  @EnumSource(OptimizerSpec.Type.class)
  void resumedRunEqualsStraightRun(OptimizerSpec.Type type) throws Exception {
    ScheduleSpec schedule = new ScheduleSpec(ScheduleSpec.Type.WARMUP_COSINE, null, null, 1, null);
    TrialConfig trial = Trials.digits("t-" + type, Trials.mlp(List.of(48, 24), 0.2, true),
        Trials.training(6, 64, 2), Trials.optimizer(type, null, 1e-4, schedule));
    int crashAfter = type.ordinal() % 2 == 0 ? 3 : 4;

    TrainResult straight = TrainingRuns.straight(straightDir, trial);

    TrialTrainer trainer = new TrialTrainer(new ArtifactStore(resumedDir));
    assertThrows(TrainingRuns.Crash.class,
        () -> trainer.train(TrainRequest.full(trial), TrainingRuns.crashAfter(crashAfter)));
    TrainResult resumed = trainer.train(TrainRequest.full(trial), EpochListener.NONE);

    assertEquals(crashAfter == 3 ? 2 : 4, resumed.resumedFromEpoch());
    assertEquals(6, resumed.epochsCompleted());
    assertEquals(straight.history(), resumed.history(), "metrics history");
    assertArrayEquals(TrainingRuns.modelBytes(straightDir, straight), TrainingRuns.modelBytes(resumedDir, resumed),
        "final weights must be bit-identical");
    assertTrue(Files.size(resumedDir.resolve(resumed.checkpoint())) > 0);
  }
}
