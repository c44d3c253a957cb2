package dev.modelsweep.activities.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.activities.DivergedException;
import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.activities.Trials;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activityapi.ArtifactLayout;
import dev.modelsweep.spec.BatchSize;
import dev.modelsweep.spec.DatasetSpec;
import dev.modelsweep.spec.ModelSpec;
import dev.modelsweep.spec.OptimizerSpec;
import dev.modelsweep.spec.TrainingSpec;
import dev.modelsweep.trial.EpochMetrics;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrainResult;
import dev.modelsweep.trial.TrialConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainerTest {

  @TempDir Path dir;
  @TempDir Path other;

  private static TrialConfig mlpTrial(String id, int epochs, int every) {
    return Trials.digits(id, Trials.mlp(List.of(32), 0.1, true), Trials.training(epochs, 64, every),
        Trials.optimizer(OptimizerSpec.Type.ADAM, 0.003));
  }

  @Test
  void untilEpochThenContinueEqualsStraightRun() throws Exception {
    TrialConfig trial = mlpTrial("t000", 6, 2);
    TrainResult straight = TrainingRuns.straight(other, trial);

    TrialTrainer trainer = new TrialTrainer(new ArtifactStore(dir));
    TrainResult first = trainer.train(new TrainRequest(trial, 3), EpochListener.NONE);
    assertEquals(3, first.epochsCompleted());
    assertEquals(3, first.history().size());
    assertEquals(ArtifactLayout.checkpointDir("sweep-1", "t000") + "/epoch-0003.ckpt", first.checkpoint(),
        "the call's last epoch is checkpointed even off the checkpointEvery grid");
    TrainResult rest = trainer.train(TrainRequest.full(trial), EpochListener.NONE);

    assertEquals(3, rest.resumedFromEpoch());
    assertEquals(straight.history(), rest.history());
    assertArrayEquals(TrainingRuns.modelBytes(other, straight), TrainingRuns.modelBytes(dir, rest));
  }

  @ParameterizedTest
  @ValueSource(strings = {"flip", "truncate"})
  void corruptNewestCheckpointFallsBackToPrevious(String damage) throws Exception {
    TrialConfig trial = mlpTrial("t001", 6, 2);
    TrainResult straight = TrainingRuns.straight(other, trial);

    TrialTrainer trainer = new TrialTrainer(new ArtifactStore(dir));
    assertThrows(TrainingRuns.Crash.class, () -> trainer.train(TrainRequest.full(trial), TrainingRuns.crashAfter(4)));
    Path newest = dir.resolve(ArtifactLayout.checkpointDir("sweep-1", "t001")).resolve("epoch-0004.ckpt");
    byte[] bytes = Files.readAllBytes(newest);
    if (damage.equals("flip")) {
      bytes[bytes.length / 2] ^= 0x40;
      Files.write(newest, bytes);
    } else {
      Files.write(newest, java.util.Arrays.copyOf(bytes, bytes.length / 3));
    }

    TrainResult resumed = trainer.train(TrainRequest.full(trial), EpochListener.NONE);
    assertEquals(2, resumed.resumedFromEpoch());
    assertEquals(straight.history(), resumed.history());
    assertArrayEquals(TrainingRuns.modelBytes(other, straight), TrainingRuns.modelBytes(dir, resumed));
  }

  @Test
  void finishedTrialReturnsAtOnceAndKeepsTwoCheckpoints() throws Exception {
    TrialConfig trial = mlpTrial("t002", 5, 1);
    TrialTrainer trainer = new TrialTrainer(new ArtifactStore(dir));
    TrainResult done = trainer.train(TrainRequest.full(trial), EpochListener.NONE);
    Path ckpts = dir.resolve(ArtifactLayout.checkpointDir("sweep-1", "t002"));
    try (var files = Files.list(ckpts)) {
      assertEquals(List.of("epoch-0004.ckpt", "epoch-0005.ckpt"), files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    byte[] model = TrainingRuns.modelBytes(dir, done);
    Files.delete(dir.resolve(done.model()));

    List<EpochMetrics> heard = new ArrayList<>();
    TrainResult again = trainer.train(new TrainRequest(trial, 3), (m, c) -> heard.add(m));
    assertTrue(heard.isEmpty(), "nothing to train");
    assertEquals(5, again.resumedFromEpoch());
    assertEquals(5, again.epochsCompleted());
    assertEquals(done.history(), again.history());
    assertArrayEquals(model, TrainingRuns.modelBytes(dir, again), "model file rewritten from the checkpoint");
    assertTrue(Files.isRegularFile(dir.resolve(ArtifactLayout.trialDir("sweep-1", "t002") + "/history.json")));
  }

  @Test
  void memoryStaysFlatOverEpochs() throws Exception {
    List<Integer> live = new ArrayList<>();
    new TrialTrainer(new ArtifactStore(dir)).train(TrainRequest.full(mlpTrial("t003", 5, 2)), EpochListener.NONE, live::add);
    assertEquals(5, live.size());
    assertTrue(live.stream().allMatch(n -> n.equals(live.get(0))), "NDArrays held per epoch: " + live);
  }

  @Test
  void concurrentTrialsMatchTheirSoloRuns() throws Exception {
    TrialConfig a = mlpTrial("ta", 4, 2);
    TrialConfig b = Trials.digits("tb", Trials.mlp(List.of(40), 0.3, false), Trials.training(4, 32, 2),
        Trials.optimizer(OptimizerSpec.Type.NESTEROV, 0.05));
    TrainResult soloA = TrainingRuns.straight(other, a);
    TrainResult soloB = TrainingRuns.straight(other, b);

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      TrialTrainer trainer = new TrialTrainer(new ArtifactStore(dir));
      Future<TrainResult> fa = pool.submit(() -> trainer.train(TrainRequest.full(a), EpochListener.NONE));
      Future<TrainResult> fb = pool.submit(() -> trainer.train(TrainRequest.full(b), EpochListener.NONE));
      assertArrayEquals(TrainingRuns.modelBytes(other, soloA), TrainingRuns.modelBytes(dir, fa.get()));
      assertArrayEquals(TrainingRuns.modelBytes(other, soloB), TrainingRuns.modelBytes(dir, fb.get()));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void cnnWithBatchNormResumesExactly() throws Exception {
    DatasetSpec digits = new DatasetSpec("digits", null, null, null, null, null, null, null, 600, null, null, null);
    ModelSpec cnn = new ModelSpec(ModelSpec.Family.CNN, null, null, null, null, 0.2, true, 2, 4, 3, null, List.of(16));
    TrialConfig trial = Trials.trial("cnn", digits, cnn, Trials.training(4, 32, 2),
        Trials.optimizer(OptimizerSpec.Type.ADAMW, 0.003));
    TrainResult straight = TrainingRuns.straight(other, trial);

    TrialTrainer trainer = new TrialTrainer(new ArtifactStore(dir));
    assertThrows(TrainingRuns.Crash.class, () -> trainer.train(TrainRequest.full(trial), TrainingRuns.crashAfter(3)));
    TrainResult resumed = trainer.train(TrainRequest.full(trial), EpochListener.NONE);
    assertEquals(2, resumed.resumedFromEpoch());
    assertEquals(straight.history(), resumed.history());
    assertArrayEquals(TrainingRuns.modelBytes(other, straight), TrainingRuns.modelBytes(dir, resumed));
    assertTrue(straight.last().valAccuracy() > 0.3, "the CNN learns: " + straight.last());
  }

  @Test
  void fullBatchTrainsOneUpdatePerEpoch() throws Exception {
    TrialConfig trial = Trials.trial("full", DatasetSpec.builtin("iris"), Trials.mlp(List.of(8), 0, false),
        new TrainingSpec(3, BatchSize.FULL, 1, null), Trials.optimizer(OptimizerSpec.Type.SGD, 0.1));
    List<int[]> steps = new ArrayList<>();
    new TrialTrainer(new ArtifactStore(dir)).train(TrainRequest.full(trial), new EpochListener() {
      @Override
      public void onEpoch(EpochMetrics metrics, String checkpoint) {}

      @Override
      public void onStep(int epoch, int step, int total) {
        steps.add(new int[] {epoch, step, total});
      }
    });
    assertEquals(3, steps.size());
    assertTrue(steps.stream().allMatch(s -> s[1] == 1 && s[2] == 1));
  }

  @Test
  void hugeLearningRateDiverges() {
    TrialConfig trial = Trials.digits("boom", Trials.mlp(List.of(32), 0, false), Trials.training(5, 32, 1),
        Trials.optimizer(OptimizerSpec.Type.SGD, 1e6));
    DivergedException e = assertThrows(DivergedException.class, () -> TrainingRuns.straight(dir, trial));
    assertTrue(e.getMessage().contains("at epoch " + e.epoch()), e.getMessage());
    assertTrue(e.getMessage().contains("optimizer.learningRate"), e.getMessage());
  }

  @Test
  void badTrainingFieldsAreNamed() {
    TrialConfig noEpochs = Trials.digits("bad", Trials.mlp(List.of(8), 0, false), Trials.training(0, 32, 1),
        Trials.optimizer(OptimizerSpec.Type.SGD, 0.1));
    assertTrue(assertThrows(InvalidSpecException.class, () -> TrainingRuns.straight(dir, noEpochs))
        .getMessage().startsWith("training.epochs:"));
    TrialConfig badLr = Trials.digits("bad", Trials.mlp(List.of(8), 0, false), Trials.training(1, 32, 1),
        Trials.optimizer(OptimizerSpec.Type.SGD, -1.0));
    assertTrue(assertThrows(InvalidSpecException.class, () -> TrainingRuns.straight(dir, badLr))
        .getMessage().startsWith("optimizer.learningRate:"));
  }

  @Test
  void trailingSingleRowJoinsPreviousBatch() {
    assertArrayEquals(new int[] {0, 32, 65}, TrainingSession.batchBounds(65, 32));
    assertArrayEquals(new int[] {0, 32, 64}, TrainingSession.batchBounds(64, 32));
    assertArrayEquals(new int[] {0, 32, 64, 66}, TrainingSession.batchBounds(66, 32));
    assertArrayEquals(new int[] {0, 1}, TrainingSession.batchBounds(1, 32));
  }
}
