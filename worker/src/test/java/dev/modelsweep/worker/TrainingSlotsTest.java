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

  @Test
  void withInjectedGpusEachSlotLeasesAGpuAndSlotsConflict() {
    WorkerConfig config = WorkerConfig.newBuilder().setVisibleGpus(2).setSlotsPerGpu(2).build();
    assertEquals(4, config.trainingSlots());
    assertEquals(java.util.List.of("gpu0", "gpu1", "gpu0", "gpu1"), config.devices());
    assertEquals(java.util.List.of("gpu1"), WorkerConfig.newBuilder().setVisibleGpus(2).setGpus(java.util.List.of(1))
        .build().devices());
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> WorkerConfig.newBuilder().setVisibleGpus(2).setTrainingSlots(3).build());
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("--slots: conflicts with GPUs"), e.getMessage());
    assertEquals(java.util.List.of("cpu", "cpu", "cpu"),
        WorkerConfig.newBuilder().setVisibleGpus(0).setTrainingSlots(3).build().devices(), "on CPU --slots works");
  }
}
