package dev.modelsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.client.SweepHandle;
import dev.modelsweep.spec.Metrics;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.trial.TrialResult;
import dev.modelsweep.workflow.SweepProgress;
import dev.modelsweep.workflow.SweepResult;
import io.temporal.api.history.v1.HistoryEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whole sweeps through the real workflows and real DJL activities on the iris data. */
class SweepWorkflowTest {

  @RegisterExtension final SweepTestEnvironment env = new SweepTestEnvironment();

  @Test
  void gridSweepTrainsEveryPointAndRanksThem() throws Exception {
    SweepHandle sweep = env.client.start(SpecParser.parse(
        """
        {"name": "iris-grid", "seed": 1, "dataset": "iris",
         "model": {"family": "mlp", "depth": 1, "width": 8},
         "training": {"epochs": 40, "batchSize": "full", "checkpointEvery": 10},
         "optimizer": {"type": "adam", "learningRate": 0.05},
         "search": {"strategy": "grid", "maxConcurrent": 2, "space": {
           "optimizer.type": {"type": "choice", "values": ["sgd", "adam"]},
           "model.width": {"type": "choice", "values": [4, 16]}}}}
        """), "iris-grid-1");
    SweepResult result = sweep.result();

    assertEquals("iris-grid-1", result.sweepId());
    assertEquals(4, result.trials().size());
    assertEquals(150, result.dataset().rows());
    assertTrue(result.trials().stream().allMatch(t -> t.status() == TrialResult.Status.COMPLETED));
    List<Double> ranked = result.trials().stream().map(t -> t.metric(Metrics.VAL_ACCURACY)).toList();
    for (int i = 1; i < ranked.size(); i++) {
      assertTrue(ranked.get(i - 1) >= ranked.get(i), "leaderboard out of order: " + ranked);
    }
    assertTrue(result.best().metric(Metrics.VAL_ACCURACY) >= 0.8, result.best().toString());
    assertTrue(result.best().metric(Metrics.PARAMS) > 0);
    assertTrue(result.best().metric(Metrics.LATENCY_P95_MS) > 0);

    Path sweepDir = Path.of(result.artifacts());
    assertTrue(Files.isRegularFile(sweepDir.resolve("leaderboard.json")));
    for (TrialResult t : result.trials()) {
      Path trialDir = env.artifacts.resolve(t.artifacts());
      assertTrue(Files.isRegularFile(trialDir.resolve("model.params")), trialDir.toString());
      assertTrue(Files.isDirectory(trialDir.resolve("checkpoints")), trialDir.toString());
      assertEquals("cpu()", t.device(), "the device each trial trained on");
    }
    assertEquals(result.trials(), sweep.leaderboard());

    assertEquals(4 * 40, result.epochsTrained());
    assertFalse(result.history().isEmpty());
    assertEquals(result.best().id(), result.history().get(result.history().size() - 1).bestTrial());
    for (int i = 1; i < result.history().size(); i++) {
      assertTrue(result.history().get(i).bestValue() > result.history().get(i - 1).bestValue(),
          "the leader changes only when the objective improves: " + result.history());
    }
  }

  @Test
  void stopFinishesTheRunningTrialAndStartsNoMore() throws Exception {
    SweepHandle sweep = env.client.start(SpecParser.parse(
        """
        {"name": "iris-stop", "dataset": "iris", "model": {"family": "mlp", "width": 8},
         "training": {"epochs": 30, "batchSize": 16},
         "search": {"strategy": "random", "trials": 50, "space": {
           "optimizer.learningRate": {"type": "float", "min": 0.001, "max": 0.05, "log": true}}}}
        """));
    awaitProgress(sweep, p -> p.completed() >= 1);
    sweep.stop();
    SweepResult result = sweep.result();

    assertTrue(result.stopped());
    assertFalse(result.trials().isEmpty());
    assertTrue(result.trials().size() < 50, "stop did not stop: " + result.trials().size());
    assertEquals(SweepProgress.State.DONE, sweep.progress().state());
  }

  @Test
  void pauseHoldsNewTrialsUntilResume() throws Exception {
    SweepHandle sweep = env.client.start(SpecParser.parse(
        """
        {"name": "iris-pause", "dataset": "iris", "model": {"family": "mlp", "width": 8},
         "training": {"epochs": 10, "batchSize": "full"},
         "search": {"strategy": "grid", "space": {
           "model.width": {"type": "int", "min": 4, "max": 6}}}}
        """));
    sweep.pause();
    awaitProgress(sweep, p -> p.state() == SweepProgress.State.PAUSED && p.running().isEmpty());
    int startedWhilePaused = sweep.progress().started();
    Thread.sleep(1500);
    assertEquals(startedWhilePaused, sweep.progress().started(), "a trial started while paused");
    assertTrue(startedWhilePaused < 3);

    sweep.resume();
    SweepResult result = sweep.result();
    assertEquals(3, result.trials().size());
    assertNotNull(result.best());
  }

  @Test
  void divergedTrialFailsOnceWithItsReasonAndTheSweepGoesOn() {
    SweepResult result = env.client.start(SpecParser.parse(
        """
        {"name": "diverge", "dataset": {"name": "digits", "normalize": "none"},
         "model": {"family": "mlp", "depth": 3, "width": 64, "activation": "elu"},
         "training": {"epochs": 3, "batchSize": 32}, "optimizer": {"type": "sgd"},
         "search": {"strategy": "grid", "space": {
           "optimizer.learningRate": {"type": "choice", "values": [0.0001, 10]}}}}
        """), "diverge-1").result();

    assertEquals(2, result.trials().size());
    TrialResult healthy = result.trials().get(0);
    TrialResult diverged = result.trials().get(1);
    assertEquals(TrialResult.Status.COMPLETED, healthy.status());
    assertEquals(TrialResult.Status.FAILED, diverged.status());
    assertTrue(diverged.failure().startsWith("Diverged: loss is NaN"), diverged.failure());
    assertTrue(diverged.failure().contains("optimizer.learningRate"), "the fix is named: " + diverged.failure());
    long trainAttempts = env.temporal.getWorkflowClient().fetchHistory("diverge-1/" + diverged.id())
        .getEvents().stream().filter(HistoryEvent::hasActivityTaskStartedEventAttributes).count();
    assertEquals(1, trainAttempts, "a diverged trial must not be retried");
  }

  private static void awaitProgress(SweepHandle sweep, java.util.function.Predicate<SweepProgress> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (done.test(sweep.progress())) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("progress never matched; last: " + sweep.progress());
  }
}
