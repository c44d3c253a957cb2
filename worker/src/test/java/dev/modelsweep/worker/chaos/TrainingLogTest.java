package dev.modelsweep.worker.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingLogTest {

  private static final String PREFIX = "[worker] DEBUG dev.modelsweep.activities.train.TrialTrainer - trial s-1/";

  @Test
  void aTrialInterruptedMidwayIsInFlightAtItsLastEpochAndResumesFromItsCheckpoint() {
    TrainingLog log = new TrainingLog("s-1");
    log.accept(PREFIX + "t000 trains from epoch 1");
    log.accept(PREFIX + "t000 epoch 1");
    log.accept(PREFIX + "t000 epoch 2");
    assertEquals(Map.of("t000", 2), log.inFlight());
    long killed = System.nanoTime();

    log.accept(PREFIX + "t000 trains from epoch 2");
    log.accept(PREFIX + "t000 epoch 2");
    log.accept(PREFIX + "t000 trained to epoch 2");

    assertEquals(1, log.firstStartAfter("t000", killed).orElseThrow().fromEpoch() - 1);
    assertTrue(log.inFlight().isEmpty());
    assertEquals(0, log.trainedTwice());
  }

  @Test
  void aRetryThatFindsTheWorkDoneResumesPastTheEndWithoutCountingTwice() {
    TrainingLog log = new TrainingLog("s-1");
    log.accept(PREFIX + "t001 trains from epoch 1");
    log.accept(PREFIX + "t001 epoch 5");
    long killed = System.nanoTime();
    log.accept(PREFIX + "t001 already trained to epoch 5");

    TrainingLog.Start resumed = log.firstStartAfter("t001", killed).orElseThrow();
    assertEquals(5, resumed.fromEpoch() - 1, "nothing left to train: zero epochs lost");
    assertTrue(log.inFlight().isEmpty());
    assertEquals(0, log.trainedTwice());
  }

  @Test
  void aRetryAfterTheLastEpochWasLoggedIsNotWorkDoneTwice() {
    TrainingLog log = new TrainingLog("s-1");
    log.accept(PREFIX + "t001 trains from epoch 1");
    log.accept(PREFIX + "t001 trained to epoch 5");
    log.accept(PREFIX + "t001 already trained to epoch 5");
    assertEquals(0, log.trainedTwice());
    assertTrue(log.inFlight().isEmpty());
  }

  @Test
  void trainingToTheEndTwiceIsDuplicatedWork() {
    TrainingLog log = new TrainingLog("s-1");
    log.accept(PREFIX + "t002 trains from epoch 1");
    log.accept(PREFIX + "t002 trained to epoch 3");
    log.accept(PREFIX + "t002 trains from epoch 1");
    log.accept(PREFIX + "t002 trained to epoch 3");
    assertEquals(1, log.trainedTwice());
  }

  @Test
  void linesOfOtherSweepsAndOtherLoggersAreIgnored() {
    TrainingLog log = new TrainingLog("s-1");
    log.accept("[worker] DEBUG x - trial s-2/t000 trains from epoch 1");
    log.accept("[worker] INFO x - started polling");
    assertTrue(log.inFlight().isEmpty());
    assertTrue(log.firstStartAfter(null, 0).isEmpty());
  }
}
