package dev.modelsweep.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelsweep.model.ModelReference;
import java.util.List;
import java.util.Map;

/**
 * {@code finetune}: transfer learning. Runs {@code spec} as a sweep whose trials start from the
 * first {@code keepLayers} layers of {@code source}, {@code freeze} them or train them at {@code
 * bodyLearningRateScale} times the head's learning rate, with a new head: the stage's fields become
 * the spec's {@code finetune} section, where a search may vary them too. A spec without {@code
 * search} trains its one configuration.
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
  public void complete(StageSpec stage, ObjectNode spec) {
    SweepStages.completeSection(stage, spec, FORM, "source");
  }

  @Override
  public List<ModelReference> run(StageRun run) {
    return SweepStages.run(run, SweepStages.onceUnlessSearched(run.stage().spec()));
  }
}
