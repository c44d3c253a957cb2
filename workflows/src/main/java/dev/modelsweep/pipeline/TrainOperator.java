package dev.modelsweep.pipeline;

import dev.modelsweep.model.ModelReference;
import dev.modelsweep.spec.Problems;
import java.util.List;
import java.util.Map;

/**
 * {@code train}: trains one configuration, the embedded spec's base model. It runs as a sweep of
 * one trial (a grid over an empty space), so it gets the sweep's checks, checkpoints, retries and
 * leaderboard; its output is that trial's model.
 */
final class TrainOperator implements Operator {

  private static final Form FORM = new Form("train", Output.MODELS, List.of("spec"),
      Map.of("spec", "a sweep spec without search: the one configuration to train"));

  @Override
  public Form form() {
    return FORM;
  }

  @Override
  public void check(StageSpec stage, String path, Problems problems) {
    if (stage.spec().search() != null) {
      problems.add(path + ".spec.search",
          "train trains one configuration and takes no search; remove search, or make the stage a sweep");
    }
  }

  @Override
  public List<ModelReference> run(StageRun run) {
    return SweepStages.run(run, SweepStages.onceUnlessSearched(run.stage().spec()));
  }
}
