package dev.modelsweep.activities.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The GPU rules on a machine without GPUs: the GPU count is injected. */
class SlotPlanTest {

  @Test
  void withGpusTheSlotsAreGpusTimesSlotsPerGpuRoundRobin() {
    assertEquals(List.of("gpu0", "gpu1"), SlotPlan.devices(null, null, null, 2, 16), "default: every visible GPU");
    assertEquals(List.of("gpu0", "gpu1", "gpu0", "gpu1"), SlotPlan.devices(null, List.of(0, 1), 2, 2, 16));
    assertEquals(List.of("gpu3", "gpu1", "gpu3", "gpu1", "gpu3", "gpu1"), SlotPlan.devices(null, List.of(3, 1), 3, 4, 2));
  }

  @Test
  void slotsConflictWithGpus() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SlotPlan.devices(4, null, null, 2, 16));
    assertTrue(e.getMessage().startsWith("--slots: conflicts with GPUs"), e.getMessage());
    assertTrue(e.getMessage().contains("drop --slots"), e.getMessage());
  }

  @Test
  void onCpuSlotsWorkAsBefore() {
    assertEquals(List.of("cpu", "cpu", "cpu"), SlotPlan.devices(3, null, null, 0, 2));
    assertEquals(List.of("cpu", "cpu", "cpu", "cpu"), SlotPlan.devices(null, null, null, 0, 8), "one per two cores");
    assertEquals(List.of("cpu"), SlotPlan.devices(null, null, null, 0, 1));
    assertEquals(List.of("cpu", "cpu"), SlotPlan.devices(2, List.of(), null, 4, 2), "--gpus with none: CPU only");
  }

  @Test
  void gpusThatAreNotThereAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SlotPlan.devices(null, List.of(0, 2), null, 2, 16));
    assertTrue(e.getMessage().startsWith("--gpus: GPU 2 is not one this machine's engine sees (0 to 1)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SlotPlan.devices(null, List.of(0), null, 0, 16));
    assertTrue(e.getMessage().contains("none: a CPU build, or no CUDA driver"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SlotPlan.devices(null, List.of(1, 1), null, 2, 16));
    assertThrows(IllegalArgumentException.class, () -> SlotPlan.devices(null, null, 2, 0, 16));
  }

  @Test
  void concurrentTrialsLeaseDistinctSlotsAndEachGpuBeforeAnyTakesTwo() throws Exception {
    DeviceLeases leases = new DeviceLeases(SlotPlan.devices(null, List.of(0, 1), 2, 2, 2));
    List<DeviceLeases.Lease> held = new ArrayList<>();
    held.add(leases.lease());
    held.add(leases.lease());
    assertNotEquals(held.get(0).name(), held.get(1).name(), "the first two trials land on different GPUs");
    assertEquals(Device.gpu(0), held.get(0).device());
    held.add(leases.lease());
    held.add(leases.lease());
    assertEquals(List.of("gpu0", "gpu1", "gpu0", "gpu1"), held.stream().map(DeviceLeases.Lease::name).toList());

    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<String> fifth = pool.submit(() -> {
        try (DeviceLeases.Lease l = leases.lease()) {
          return l.name();
        }
      });
      Thread.sleep(200);
      assertTrue(!fifth.isDone(), "a fifth trial waits while every slot is leased");
      held.get(1).close();
      held.get(1).close(); // closing twice gives the slot back once
      assertEquals("gpu1", fifth.get(10, TimeUnit.SECONDS), "and gets the slot given back");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void deviceNamesAreCheckedAndMapped() {
    assertEquals(Device.cpu(), DeviceLeases.device("cpu"));
    assertEquals(Device.gpu(7), DeviceLeases.device("gpu7"));
    assertThrows(IllegalArgumentException.class, () -> new DeviceLeases(List.of("tpu0")));
    assertThrows(IllegalArgumentException.class, () -> new DeviceLeases(List.of()));
  }
}
