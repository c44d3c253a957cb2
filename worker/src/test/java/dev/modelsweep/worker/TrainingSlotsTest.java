package dev.modelsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TrainingSlotsTest {

  @Test
  void oneSlotPerGpuWhenThereAreGpus() {
    assertEquals(4, TrainingSlots.defaultFor(4, 2));
    assertEquals(1, TrainingSlots.defaultFor(1, 64));
  }

  @Test
  void oneSlotPerTwoCoresWithoutGpus() {
    assertEquals(1, TrainingSlots.defaultFor(0, 2));
    assertEquals(8, TrainingSlots.defaultFor(0, 16));
    assertEquals(1, TrainingSlots.defaultFor(0, 1));
  }
}
