package dev.modelsweep.worker;

import dev.modelsweep.activities.device.SlotPlan;
import java.util.List;

/**
 * How many trials one worker trains at once, and on which devices: the rules of {@link SlotPlan}
 * with this machine's GPU count (as the PyTorch engine sees it) and cores. Default: one slot per
 * GPU when there are GPUs (a trial owns its device), else one per two CPU cores, since each trial
 * runs one PyTorch thread and the worker's own threads need the rest.
 */
public final class TrainingSlots {

  private TrainingSlots() {}

  public static int defaultFor(int gpus, int cores) {
    return SlotPlan.devices(null, null, null, gpus, cores).size();
  }

  /** The default for this machine, asking the PyTorch engine for its GPU count. */
  public static int forThisMachine() {
    return defaultFor(visibleGpus(), Runtime.getRuntime().availableProcessors());
  }

  /** One device per slot on this machine; see {@link SlotPlan#devices}. */
  public static List<String> devices(Integer slots, List<Integer> gpus, Integer slotsPerGpu) {
    return SlotPlan.devices(slots, gpus, slotsPerGpu, visibleGpus(), Runtime.getRuntime().availableProcessors());
  }

  /**
   * The engine's GPU count; 0 without asking it where CUDA sees no GPU at all, since asking loads
   * libtorch (about half a second), which {@link SweepWorker#start} does anyway, beside other work.
   */
  private static int visibleGpus() {
    return ai.djl.util.cuda.CudaUtils.getGpuCount() == 0 ? 0 : ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount();
  }
}
