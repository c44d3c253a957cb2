package dev.modelsweep.activities.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.activities.Trials;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.spec.OptimizerSpec;
import dev.modelsweep.spec.ScheduleSpec;
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

    TrainResult resumed = TrainingRuns.crashAndResume(resumedDir, trial, crashAfter);

    assertEquals(crashAfter == 3 ? 2 : 4, resumed.resumedFromEpoch());
    assertEquals(6, resumed.epochsCompleted());
    assertEquals(straight.history(), resumed.history(), "metrics history");
    assertArrayEquals(TrainingRuns.modelBytes(straightDir, straight), TrainingRuns.modelBytes(resumedDir, resumed),
        "final weights must be bit-identical");
    assertTrue(Files.size(resumedDir.resolve(resumed.checkpoint())) > 0);
  }

  @TempDir Path teacherDir;

  /**
   * A distilled student (its teacher a wider MLP published to the store) that crashes after epoch
   * 3 resumes to the bits of the straight run, and both runs of a root compute the teacher's
   * logits once: the crashed run stored them, the resumed one read them back.
   */
  @org.junit.jupiter.api.Test
  void resumedDistillationEqualsStraightRun() throws Exception {
    TrialConfig teacher = Trials.digits("teacher", Trials.mlp(List.of(128), 0, false),
        Trials.training(4, 64, 4), Trials.optimizer(OptimizerSpec.Type.ADAM, 0.003));
    String list = TrainingRuns.publish(teacherDir, teacher, straightDir, resumedDir);
    TrialConfig plain = Trials.digits("student", Trials.mlp(List.of(8), 0.1, false),
        Trials.training(5, 64, 2), Trials.optimizer(OptimizerSpec.Type.ADAM, 0.01));
    TrialConfig student = TrainingRuns.distilled(plain, new dev.modelsweep.spec.DistillSpec(list, 3.0, 0.6));

    TrainResult straight = TrainingRuns.straight(straightDir, student);
    TrainResult resumed = TrainingRuns.crashAndResume(resumedDir, student, 3);

    assertEquals(2, resumed.resumedFromEpoch());
    assertEquals(straight.history(), resumed.history(), "metrics history");
    assertArrayEquals(TrainingRuns.modelBytes(straightDir, straight), TrainingRuns.modelBytes(resumedDir, resumed),
        "final weights must be bit-identical");
    var logits = new dev.modelsweep.activities.store.FolderBlobStore(
        resumedDir.resolve(dev.modelsweep.activities.store.FolderBlobStore.DEFAULT_FOLDER)).list("logits/");
    assertEquals(1, logits.size(), "one teacher, one data split: one logits artifact");
    // The distilled student differs from the same student trained on labels alone.
    TrainResult alone = TrainingRuns.straight(teacherDir, plain);
    assertTrue(!java.util.Arrays.equals(TrainingRuns.modelBytes(teacherDir, alone),
        TrainingRuns.modelBytes(straightDir, straight)), "the teacher must change the student's training");
  }

  /**
   * A fine-tune of digits 5-9 from an MLP trained on digits 0-4 (its first hidden layer kept,
   * frozen, or trained at 0.3 times the head's rate) that crashes after epoch 3 resumes to the
   * bits of the straight run. Frozen, the kept layer ends exactly as the source had it; trained,
   * it moves.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
  void resumedFinetuneEqualsStraightRun(boolean freeze) throws Exception {
    TrialConfig source = Trials.trial("source", digits(List.of("0", "1", "2", "3", "4")),
        Trials.mlp(List.of(32, 16), 0, true), Trials.training(3, 64, 3), Trials.optimizer(OptimizerSpec.Type.ADAM, 0.01));
    String list = TrainingRuns.publish(teacherDir, source, straightDir, resumedDir);
    TrialConfig plain = Trials.trial("target", digits(List.of("5", "6", "7", "8", "9")),
        Trials.mlp(List.of(32, 8), 0.1, true), Trials.training(5, 32, 2), Trials.optimizer(OptimizerSpec.Type.ADAM, 0.01));
    TrialConfig target = new TrialConfig(plain.sweepId(), plain.trialId(), 0, plain.params(), plain.seed(),
        plain.dataset(), plain.model(), plain.training(), plain.optimizer(),
        new dev.modelsweep.spec.FinetuneSpec(list, 1, freeze, 0.3), null);

    TrainResult straight = TrainingRuns.straight(straightDir, target);
    TrainResult resumed = TrainingRuns.crashAndResume(resumedDir, target, 3);

    assertEquals(2, resumed.resumedFromEpoch());
    assertEquals(straight.history(), resumed.history(), "metrics history");
    byte[] tuned = TrainingRuns.modelBytes(straightDir, straight);
    assertArrayEquals(tuned, TrainingRuns.modelBytes(resumedDir, resumed), "final weights must be bit-identical");
    byte[] sourceWeights = new ArtifactStore(teacherDir).read(
        dev.modelsweep.activityapi.ArtifactLayout.modelFile(source.sweepId(), source.trialId()));
    float[] before = TrainingRuns.parameter(source, 5, sourceWeights, "01Linear_weight");
    float[] after = TrainingRuns.parameter(target, 5, tuned, "01Linear_weight");
    assertEquals(freeze, java.util.Arrays.equals(before, after), "kept layer unchanged exactly when frozen");
  }

  private static dev.modelsweep.spec.DatasetSpec digits(List<String> classes) {
    return new dev.modelsweep.spec.DatasetSpec("digits", null, null, null, null, null, null, null, null, null, null,
        null, classes, null);
  }
}
