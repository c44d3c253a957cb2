package dev.modelsweep.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelsweep.model.ModelReference;
import java.util.List;
import java.util.Map;

/**
 * {@code distill}: knowledge distillation. Runs {@code spec} as a sweep whose trials are students
 * of {@code teacher} (the top K, logits averaged, for {@code stage:ID#K}), trained on {@code alpha
 * * T^2 * KL + (1 - alpha) * CE} at temperature {@code temperature}: the stage's fields become the
 * spec's {@code distill} section, where a search may vary them too. A spec without {@code search}
 * trains its one student.
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
  public void complete(StageSpec stage, ObjectNode spec) {
    SweepStages.completeSection(stage, spec, FORM, "teacher");
  }

  @Override
  public List<ModelReference> run(StageRun run) {
    return SweepStages.run(run, SweepStages.onceUnlessSearched(run.stage().spec()));
  }
}
