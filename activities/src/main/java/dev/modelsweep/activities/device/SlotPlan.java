package dev.modelsweep.activities.device;

import java.util.ArrayList;
import java.util.List;

/**
 * Which device each training slot of a worker gets, from its options and what the machine has.
 * Pure: the GPU count is passed in, so the rules are tested on machines without GPUs.
 */
public final class SlotPlan {

  private SlotPlan() {}

  /**
   * One device name per slot.
   *
   * <ul>
   *   <li>GPUs (those of {@code gpus}, else all {@code visibleGpus}): GPUs x {@code slotsPerGpu}
   *       slots, round-robin; {@code slots} is refused as a conflict.
   *   <li>No GPUs: {@code slots} CPU slots (default: one per two cores).
   * </ul>
   *
   * @param slots {@code --slots}, or null
   * @param gpus {@code --gpus}, or null for every visible GPU
   * @param slotsPerGpu {@code --slots-per-gpu}, or null for 1
   * @param visibleGpus GPUs the engine sees
   * @param cores CPU cores
   * @throws IllegalArgumentException naming the option and the fix
   */
  public static List<String> devices(Integer slots, List<Integer> gpus, Integer slotsPerGpu, int visibleGpus, int cores) {
    if (slots != null && slots < 1) {
      throw new IllegalArgumentException("--slots: " + slots + " must be at least 1 (trials trained at once)");
    }
    if (slotsPerGpu != null && slotsPerGpu < 1) {
      throw new IllegalArgumentException("--slots-per-gpu: " + slotsPerGpu + " must be at least 1");
    }
    List<Integer> used = gpus != null ? gpus : range(visibleGpus);
    for (int g : used) {
      if (g < 0 || g >= visibleGpus) {
        throw new IllegalArgumentException("--gpus: GPU " + g + " is not one this machine's engine sees ("
            + (visibleGpus == 0 ? "none: a CPU build, or no CUDA driver" : "0 to " + (visibleGpus - 1))
            + "); name visible GPUs, or leave --gpus out on CPU");
      }
    }
    if (used.stream().distinct().count() != used.size()) {
      throw new IllegalArgumentException("--gpus: " + used + " names a GPU twice; use --slots-per-gpu for more trials per GPU");
    }
    if (used.isEmpty()) {
      if (slotsPerGpu != null) {
        throw new IllegalArgumentException("--slots-per-gpu: this worker has no GPU; use --slots on CPU");
      }
      return java.util.Collections.nCopies(slots != null ? slots : Math.max(1, cores / 2), "cpu");
    }
    if (slots != null) {
      throw new IllegalArgumentException("--slots: conflicts with GPUs; with GPUs the slots are --gpus x "
          + "--slots-per-gpu (here " + used.size() + " x " + (slotsPerGpu == null ? 1 : slotsPerGpu) + "); drop --slots");
    }
    List<String> devices = new ArrayList<>();
    for (int round = 0; round < (slotsPerGpu == null ? 1 : slotsPerGpu); round++) {
      for (int g : used) {
        devices.add("gpu" + g);
      }
    }
    return devices;
  }

  private static List<Integer> range(int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }
}
