package dev.modelsweep.pipeline;

import dev.modelsweep.model.ModelReference;
import java.util.List;
import java.util.Map;

/** {@code sweep}: runs the embedded sweep spec; the output is its best completed trials. */
final class SweepOperator implements Operator {

  private static final Form FORM = new Form("sweep", Output.MODELS, List.of("spec"),
      Map.of("spec", "a sweep spec (docs/sweep-spec.schema.json) whose best trials are the stage's output"));

  @Override
  public Form form() {
    return FORM;
  }

  @Override
  public List<ModelReference> run(StageRun run) {
    return SweepStages.run(run, run.stage().spec());
  }
}
