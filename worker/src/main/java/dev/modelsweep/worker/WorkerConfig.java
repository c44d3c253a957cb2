package dev.modelsweep.worker;

import dev.modelsweep.activities.data.DataRoots;
import dev.modelsweep.activities.registry.ModelRegistry;
import dev.modelsweep.activities.Limits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a worker process runs. Immutable; build with {@link #newBuilder()}.
 *
 * @param artifactRoot where checkpoints, models and results go; default {@code ./runs}
 * @param trainingSlots trials trained at once; default {@link TrainingSlots#forThisMachine()}
 * @param workflows poll the sweep task queue (cheap orchestration); default true
 * @param training poll the training task queue (needs DJL and the data); default true
 * @param dataRoots the only folders data files named by a spec are read from (see {@link
 *     DataRoots}), absolute, normalised, without duplicates; a relative {@code dataset.path} is
 *     resolved against the first; default the working directory
 * @param limits caps on the sweeps this worker trains; default {@link Limits#NONE}
 * @param maxMemory bytes one trial may need by its memory estimate; a trial over it fails before
 *     it trains; default {@link #defaultMaxMemory(int)}
 * @param stickyCache keep workflows cached between their tasks (sticky queues) where that is safe:
 *     on a real Temporal server, or on the embedded service of this same process (see {@link
 *     SweepWorker#stickyQueues()}); false: never, so each workflow task replays its whole history
 *     (the baseline of {@code modelsweep bench}); default true
 * @param store the artifact store every worker reaches, {@code s3://bucket/prefix}, reached
 *     through the standard AWS environment; {@code artifactRoot} is then this worker's cache.
 *     Default null: the artifact root is the store
 * @param devices the device of each training slot, {@code cpu} or {@code gpuN}, as many as {@code
 *     trainingSlots}; a trial leases one for its training and evaluation. Default: see {@link
 *     dev.modelsweep.activities.device.SlotPlan}
 * @param registry where the model registry lives, where {@code promote} registers versions: a folder
 *     or {@code s3://bucket/prefix}. Default with {@code store}: the store's folder {@value
 *     ModelRegistry#DEFAULT_FOLDER} ({@link RegistryLocation#inStore}), so that every worker of
 *     the store, and {@code serve} on any machine, sees the same versions; without: the folder
 *     {@link #defaultRegistry(Path)} of the artifact root
 */
public record WorkerConfig(
    Path artifactRoot, int trainingSlots, boolean workflows, boolean training, List<Path> dataRoots, Limits limits,
    long maxMemory, boolean stickyCache, String store, List<String> devices, RegistryLocation registry) {

  public static final Path DEFAULT_ARTIFACT_ROOT = Path.of("runs");

  /** The folder {@code registry} next to the artifact root: {@code ./registry} beside {@code ./runs}. */
  public static Path defaultRegistry(Path artifactRoot) {
    return artifactRoot.toAbsolutePath().normalize().resolveSibling(ModelRegistry.DEFAULT_FOLDER);
  }

  public WorkerConfig {
    Objects.requireNonNull(artifactRoot, "artifactRoot");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(registry, "registry");
    dataRoots = List.copyOf(dataRoots);
    if (dataRoots.isEmpty()) {
      throw new IllegalArgumentException("a worker needs at least one data root");
    }
    if (trainingSlots < 1) {
      throw new IllegalArgumentException("trainingSlots must be at least 1, got " + trainingSlots);
    }
    if (maxMemory < 1) {
      throw new IllegalArgumentException("maxMemory must be positive, got " + maxMemory);
    }
    if (!workflows && !training) {
      throw new IllegalArgumentException("a worker must poll workflows, training or both");
    }
    devices = List.copyOf(devices);
    if (devices.size() != trainingSlots) {
      throw new IllegalArgumentException(devices.size() + " slot devices for " + trainingSlots + " training slots");
    }
  }

  /** Share of the machine's physical memory that all training slots together may plan to use. */
  static final double SAFE_SHARE = 0.5;

  /**
   * Half the machine's physical memory, split between {@code slots} trials: the other half is
   * for the JVM, libtorch's own caches, the data sets and whatever else runs on the machine.
   */
  public static long defaultMaxMemory(int slots) {
    long physical = ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    return Math.max(1, (long) (physical * SAFE_SHARE / slots));
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  /** Builder for {@link WorkerConfig}. */
  public static final class Builder {
    private Path artifactRoot = DEFAULT_ARTIFACT_ROOT;
    private Integer trainingSlots;
    private boolean workflows = true;
    private boolean training = true;
    /** Null: the default, the working directory. */
    private List<Path> dataRoots;
    private final List<Path> extraDataRoots = new ArrayList<>();
    private Limits limits = Limits.NONE;
    /** Null: the default, {@link #defaultMaxMemory(int)}. */
    private Long maxMemory;
    private boolean stickyCache = true;
    private String store;
    private List<Integer> gpus;
    private Integer slotsPerGpu;
    /** Null: ask the PyTorch engine. */
    private Integer visibleGpus;
    /** Null: the default, in the store or next to the artifact root; see {@link #setRegistry}. */
    private RegistryLocation registry;

    private Builder() {}

    /**
     * Where the model registry lives. Default null: with {@link #setStore} the store's folder
     * {@value ModelRegistry#DEFAULT_FOLDER} ({@code s3://bucket/prefix/registry/}), else the folder
     * {@code registry} next to the artifact root.
     */
    public Builder setRegistry(RegistryLocation registry) {
      this.registry = registry;
      return this;
    }

    /** Default {@code ./runs}. */
    public Builder setArtifactRoot(Path artifactRoot) {
      this.artifactRoot = artifactRoot;
      return this;
    }

    /**
     * Default: one per GPU, else one per two cores. With GPUs the slots are GPUs x slots per GPU,
     * and setting this fails {@link #build()} as a conflict.
     */
    public Builder setTrainingSlots(int trainingSlots) {
      this.trainingSlots = trainingSlots;
      return this;
    }

    /** Default true. */
    public Builder setWorkflows(boolean workflows) {
      this.workflows = workflows;
      return this;
    }

    /** Default true. */
    public Builder setTraining(boolean training) {
      this.training = training;
      return this;
    }

    /**
     * The folders data files are read from, replacing the default (the working directory); an
     * empty list keeps the default. Roots added with {@link #addDataRoot} come after these.
     */
    public Builder setDataRoots(List<Path> dataRoots) {
      this.dataRoots = dataRoots.isEmpty() ? null : List.copyOf(dataRoots);
      return this;
    }

    /**
     * One more folder to read data files from, besides those of {@link #setDataRoots} (or the
     * default, the working directory): {@code dev} adds the spec file's folder this way.
     */
    public Builder addDataRoot(Path dataRoot) {
      extraDataRoots.add(Objects.requireNonNull(dataRoot, "dataRoot"));
      return this;
    }

    /** Default {@link Limits#NONE}. */
    public Builder setLimits(Limits limits) {
      this.limits = limits;
      return this;
    }

    /** Bytes one trial may need; default {@link WorkerConfig#defaultMaxMemory(int)}. */
    public Builder setMaxMemory(long maxMemory) {
      this.maxMemory = maxMemory;
      return this;
    }

    /** Default true: sticky workflow caches wherever they are safe. */
    public Builder setStickyCache(boolean stickyCache) {
      this.stickyCache = stickyCache;
      return this;
    }

    /** {@code s3://bucket/prefix}; default null, no store beside the artifact root. */
    public Builder setStore(String store) {
      this.store = store;
      return this;
    }

    /** The GPUs to train on, by index; default null: all that the PyTorch engine sees. */
    public Builder setGpus(List<Integer> gpus) {
      this.gpus = gpus == null ? null : List.copyOf(gpus);
      return this;
    }

    /** Trials per GPU at once; default 1. */
    public Builder setSlotsPerGpu(Integer slotsPerGpu) {
      this.slotsPerGpu = slotsPerGpu;
      return this;
    }

    /** The GPU count in place of the engine's, to test the GPU rules without GPUs; default null: ask the engine. */
    public Builder setVisibleGpus(Integer visibleGpus) {
      this.visibleGpus = visibleGpus;
      return this;
    }

    /** @throws IllegalArgumentException naming the option at fault, such as {@code --slots} with GPUs */
    public WorkerConfig build() {
      List<String> devices;
      if (!training) {
        devices = java.util.Collections.nCopies(trainingSlots != null ? trainingSlots : 1, "cpu");
      } else if (visibleGpus != null) {
        devices = dev.modelsweep.activities.device.SlotPlan.devices(trainingSlots, gpus, slotsPerGpu, visibleGpus,
            Runtime.getRuntime().availableProcessors());
      } else {
        devices = TrainingSlots.devices(trainingSlots, gpus, slotsPerGpu);
      }
      int slots = devices.size();
      List<Path> roots = new ArrayList<>(dataRoots == null ? DataRoots.workingDirectory().roots() : dataRoots);
      roots.addAll(extraDataRoots);
      return new WorkerConfig(artifactRoot.toAbsolutePath().normalize(), slots, workflows, training,
          DataRoots.of(roots).roots(), limits, maxMemory != null ? maxMemory : defaultMaxMemory(slots),
          stickyCache, store, devices,
          registry != null ? registry : defaultRegistryLocation());
    }

    /**
     * With a store, the registry is in it: a promotion on one machine must be what {@code serve}
     * sees on another, and a folder is one machine's.
     */
    private RegistryLocation defaultRegistryLocation() {
      return store != null ? RegistryLocation.inStore(store) : RegistryLocation.inFolder(defaultRegistry(artifactRoot));
    }
  }
}
