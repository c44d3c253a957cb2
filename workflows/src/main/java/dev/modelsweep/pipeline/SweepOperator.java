package dev.modelsweep.pipeline;

import dev.modelsweep.model.ModelReference;
import java.util.List;
import java.util.Map;

/** {@code sweep}: runs the embedded sweep spec; the output is its best completed trials. */
final class SweepOperator implements Operator {

  @Override
  public String name() {
    return "sweep";
  }

  @Override
  public List<String> fields() {
    return List.of("spec");
  }

  @Override
  public Map<String, String> required() {
    return Map.of("spec", "a sweep spec (docs/sweep-spec.schema.json) whose best trials are the stage's output");
  }

  @Override
  public Output output() {
    return Output.MODELS;
  }

  @Override
  public List<ModelReference> run(StageRun run) {
    return SweepStages.run(run, run.stage().spec());
  }
}
