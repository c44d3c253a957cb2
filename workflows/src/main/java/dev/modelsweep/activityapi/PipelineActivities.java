package dev.modelsweep.activityapi;

import dev.modelsweep.model.ModelReference;
import dev.modelsweep.model.PublishRequest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * The steps of pipeline stages that touch models: they read and write the artifact store by key
 * and return {@link ModelReference}s, never paths or weights. They run on training workers
 * ({@link TrainingActivities#TASK_QUEUE}). Both are idempotent: keys are named by content, so a
 * retry after a lost worker writes the same bytes under the same keys and returns the same
 * references.
 */
@ActivityInterface
public interface PipelineActivities {

  /**
   * Puts each trial's final weights, its configuration and the sweep's spec into the store under
   * content keys and returns a reference per trial, in the order given, with the trial's metrics.
   * A trial with no weights fails with the non-retryable type {@code InvalidSpec}.
   */
  @ActivityMethod
  List<ModelReference> publishTrials(PublishRequest request);

  /**
   * Measures a model from the store: accuracy and loss on the validation and test splits of the
   * data it was trained on, parameters, size and single-example latency. Returns the reference with
   * those metrics in place of the ones it had (training-only metrics such as {@code epochs} are
   * kept). Weights whose digest does not match fail with {@code InvalidSpec}.
   */
  @ActivityMethod
  ModelReference evaluateModel(ModelReference model);

  /**
   * Puts a list of models (a stage's output, best first) into the store under a content key,
   * {@code models/sha256-<hex>.json}, and returns the key: the form of a {@code distill.teacher}
   * or {@code finetune.source} that any training worker can read. The same list gives the same key.
   */
  @ActivityMethod
  String publishModelList(List<ModelReference> models);
}
