package dev.modelsweep.pipeline;

import dev.modelsweep.model.ModelReference;
import java.util.List;
import java.util.Map;

/**
 * {@code finetune}: transfer learning. The model of {@code spec} starts from the first {@code
 * keepLayers} layers of {@code source}, {@code freeze}s them or trains them at {@code
 * bodyLearningRateScale} times the head's learning rate, and gets a new head. The document form and
 * its checks are final; training is not in this version, so a run refuses the stage.
 */
final class FinetuneOperator implements Operator {

  private static final Form FORM = new Form(
      "finetune", Output.MODELS,
      List.of("spec", "source", "keepLayers", "freeze", "bodyLearningRateScale"), Map.of(
          "spec", "the target: a sweep spec of the data and the model to fine-tune",
          "source", "a model reference \"stage:ID\" of a stage that trains models"));

  @Override
  public Form form() {
    return FORM;
  }

  @Override
  public List<ModelReference> run(StageRun run) {
    throw Operators.notAvailable(FORM.name());
  }
}
