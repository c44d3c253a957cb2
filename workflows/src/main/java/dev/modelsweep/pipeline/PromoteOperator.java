package dev.modelsweep.pipeline;

import dev.modelsweep.model.ModelReference;
import dev.modelsweep.model.PromoteRequest;
import dev.modelsweep.model.Promotion;
import java.util.List;
import java.util.Map;

/**
 * {@code promote}: registers the first model of {@code models} as a new version of {@code
 * target}'s name, with its model card, and moves {@code target}'s alias to it. The promotion key
 * is the pipeline id and the stage id, so a retry or a replay after a crash registers one version
 * and moves the alias once. Its output is the model; its reason says the version.
 */
final class PromoteOperator implements Operator {

  private static final Form FORM = new Form("promote", Output.EVALUATIONS, List.of("models", "target"),
      Map.of("models", "the model to register, a reference such as [\"stage:gate\"]",
          "target", "the registry name and alias to move, such as \"digits@production\""));

  @Override
  public Form form() {
    return FORM;
  }

  @Override
  public boolean takesMeasurements() {
    return true;
  }

  @Override
  public List<ModelReference> run(StageRun run) {
    ModelReference model = run.models().get(0);
    RegistryTarget target = RegistryTarget.parse(run.stage().target());
    Promotion promotion = run.registry().promote(
        new PromoteRequest(model, target.name(), target.alias(), StageRun.promotionKey(run.pipelineId(), run.stage().id())));
    run.board().note(run.stage().id(), target + " -> version " + promotion.version()
        + (promotion.previous() == null ? " (new alias)" : " (was version " + promotion.previous() + ")"));
    return List.of(model);
  }
}
