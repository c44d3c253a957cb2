package dev.modelsweep.worker;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a worker process runs. Immutable; build with {@link #newBuilder()}.
 *
 * @param artifactRoot where checkpoints, models and results go; default {@code ./runs}
 * @param trainingSlots trials trained at once; default {@link TrainingSlots#forThisMachine()}
 * @param workflows poll the sweep task queue (cheap orchestration); default true
 * @param training poll the training task queue (needs DJL and the data); default true
 */
public record WorkerConfig(Path artifactRoot, int trainingSlots, boolean workflows, boolean training) {

  public static final Path DEFAULT_ARTIFACT_ROOT = Path.of("runs");

  public WorkerConfig {
    Objects.requireNonNull(artifactRoot, "artifactRoot");
    if (trainingSlots < 1) {
      throw new IllegalArgumentException("trainingSlots must be at least 1, got " + trainingSlots);
    }
    if (!workflows && !training) {
      throw new IllegalArgumentException("a worker must poll workflows, training or both");
    }
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

    private Builder() {}

    /** Default {@code ./runs}. */
    public Builder setArtifactRoot(Path artifactRoot) {
      this.artifactRoot = artifactRoot;
      return this;
    }

    /** Default: one per GPU, else one per two cores. */
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

    public WorkerConfig build() {
      int slots = trainingSlots != null ? trainingSlots : training ? TrainingSlots.forThisMachine() : 1;
      return new WorkerConfig(artifactRoot.toAbsolutePath().normalize(), slots, workflows, training);
    }
  }
}
