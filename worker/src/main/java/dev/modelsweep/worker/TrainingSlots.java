package dev.modelsweep.worker;

/**
 * How many trials one worker trains at once. Default: one per GPU when there are GPUs (a trial
 * owns its device), else one per two CPU cores, since each trial runs one PyTorch thread and the
 * worker's own threads need the rest.
 */
public final class TrainingSlots {

  private TrainingSlots() {}

  public static int defaultFor(int gpus, int cores) {
    return gpus > 0 ? gpus : Math.max(1, cores / 2);
  }

  /** The default for this machine, asking the PyTorch engine for its GPU count. */
  public static int forThisMachine() {
    return defaultFor(
        ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount(),
        Runtime.getRuntime().availableProcessors());
  }
}
