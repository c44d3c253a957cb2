package dev.modelsweep.activityapi;

import dev.modelsweep.model.PromoteRequest;
import dev.modelsweep.model.Promotion;
import dev.modelsweep.model.RegisteredModel;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The model registry as pipelines use it: the {@code gate} operator reads which version holds an
 * alias, {@code promote} registers a version and moves the alias. They run on training workers
 * ({@link TrainingActivities#TASK_QUEUE}), which reach the artifact store and the registry.
 */
@ActivityInterface
public interface RegistryActivities {

  /**
   * The version that {@code alias} of {@code name} points at, or null when the name or the alias
   * does not exist yet.
   */
  @ActivityMethod
  RegisteredModel holder(String name, String alias);

  /**
   * Registers the model as the next version of its name, with a model card (metrics, parameters,
   * size, latency, the data set's checksum, the spec, the lineage), and moves the alias to it.
   * Idempotent by {@link PromoteRequest#promotionKey()}: a retry after a crash, or a second run,
   * finds the version and the alias move it made and makes no other. Weights whose digest does
   * not match fail with the non-retryable type {@code CorruptArtifact}; a bad name or alias with
   * {@code InvalidSpec}.
   */
  @ActivityMethod
  Promotion promote(PromoteRequest request);
}
