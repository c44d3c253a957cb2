package dev.modelsweep.pipeline;

import dev.modelsweep.model.ModelReference;
import java.util.List;
import java.util.Map;

/**
 * {@code distill}: knowledge distillation. The student of {@code spec} learns from {@code teacher}
 * (the top K averaged for {@code stage:ID#K}) with {@code alpha * T^2 * KL + (1 - alpha) * CE} at
 * temperature {@code temperature}. The document form and its checks are final; training is not in
 * this version, so a run refuses the stage.
 */
final class DistillOperator implements Operator {

  private static final Form FORM = new Form(
      "distill", Output.MODELS, List.of("spec", "teacher", "temperature", "alpha"), Map.of(
          "spec", "the student: a sweep spec of the data and the small model",
          "teacher", "a model reference \"stage:ID\" (or \"stage:ID#K\", an ensemble of the top K)"
              + " of a stage that trains models"));

  @Override
  public Form form() {
    return FORM;
  }

  @Override
  public List<ModelReference> run(StageRun run) {
    throw Operators.notAvailable(FORM.name());
  }
}
