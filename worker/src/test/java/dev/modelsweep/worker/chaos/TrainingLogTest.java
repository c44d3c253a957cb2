package dev.modelsweep.worker.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingLogTest {

  private static final String PREFIX = "[worker] DEBUG dev.modelsweep.activities.train.TrialTrainer - trial s-1/";

  @Test
  void aTrialInterruptedMidwayIsInFlightAtItsLastEpochAndResumesFromItsCheckpoint() {
    TrainingLog log = new TrainingLog("s-1");
    feed(log, "t000 trains from epoch 1", "t000 epoch 1", "t000 epoch 2");
    assertEquals(Map.of("t000", 2), log.inFlight());
    long killed = System.nanoTime();

    feed(log, "t000 trains from epoch 2", "t000 epoch 2", "t000 trained to epoch 2");

    assertEquals(1, log.firstStartAfter("t000", killed).orElseThrow().fromEpoch() - 1);
    assertTrue(log.inFlight().isEmpty());
    assertEquals(0, log.trainedTwice());
  }

  @Test
  void aRetryThatFindsTheWorkDoneResumesPastTheEndWithoutCountingTwice() {
    TrainingLog log = new TrainingLog("s-1");
    feed(log, "t001 trains from epoch 1", "t001 epoch 5");
    long killed = System.nanoTime();
    feed(log, "t001 already trained to epoch 5");

    TrainingLog.Start resumed = log.firstStartAfter("t001", killed).orElseThrow();
    assertEquals(5, resumed.fromEpoch() - 1, "nothing left to train: zero epochs lost");
    assertTrue(log.inFlight().isEmpty());
    assertEquals(0, log.trainedTwice());
  }

  @Test
  void aRetryAfterTheLastEpochWasLoggedIsNotWorkDoneTwice() {
    TrainingLog log = new TrainingLog("s-1");
    feed(log, "t001 trains from epoch 1", "t001 trained to epoch 5", "t001 already trained to epoch 5");
    assertEquals(0, log.trainedTwice());
    assertTrue(log.inFlight().isEmpty());
  }

  @Test
  void trainingToTheEndTwiceIsDuplicatedWork() {
    TrainingLog log = new TrainingLog("s-1");
    feed(log, "t002 trains from epoch 1", "t002 trained to epoch 3", "t002 trains from epoch 1", "t002 trained to epoch 3");
    assertEquals(1, log.trainedTwice());
  }

  /** Hands the log worker lines of sweep s-1, each as the trainer's logger writes it. */
  private static void feed(TrainingLog log, String... trialLines) {
    for (String line : trialLines) {
      log.accept(PREFIX + line);
    }
  }

  @Test
  void linesOfOtherSweepsAndOtherLoggersAreIgnored() {
    TrainingLog log = new TrainingLog("s-1");
    log.accept("[worker] DEBUG x - trial s-2/t000 trains from epoch 1");
    log.accept("[worker] INFO x - started polling");
    assertTrue(log.inFlight().isEmpty());
    assertTrue(log.firstStartAfter(null, 0).isEmpty());
  }

  @Test
  void aPipelinesLogNamesEachTrialByItsStageAndIgnoresOtherPipelines() {
    TrainingLog log = new TrainingLog("p-1");
    String trainer = "[worker] DEBUG dev.modelsweep.activities.train.TrialTrainer - trial ";
    log.accept(trainer + "p-1/teacher/t000 trains from epoch 1");
    log.accept(trainer + "p-1/teacher/t000 trained to epoch 4");
    log.accept(trainer + "p-10/student/t000 trains from epoch 1");
    log.accept(trainer + "p-1/student/t000 trains from epoch 1");
    log.accept(trainer + "p-1/student/t000 epoch 3");
    assertEquals(Map.of("student/t000", 3), log.inFlight());

    log.accept(trainer + "p-1/student/t000 trained to epoch 6");
    log.accept(trainer + "p-1/student/t000 trains from epoch 1");
    log.accept(trainer + "p-1/student/t000 trained to epoch 6");

    assertEquals(List.of("student/t000"), log.trainedTwice("student/"));
    assertEquals(List.of(), log.trainedTwice("teacher/"));
    assertEquals(0.0, log.epochSeconds("teacher/"), "no epoch logged");
    assertTrue(log.epochSeconds("student/") > 0);
    assertEquals(0.0, log.epochSeconds("tuned/"));
  }
}
