package dev.modelsweep.pipeline;

import dev.modelsweep.model.ModelReference;
import dev.modelsweep.spec.Metrics;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code evaluate}: measures each referenced model on the test split of the data it was trained
 * on, all at once. The output is the models with the fresh metrics, best {@code test_accuracy}
 * first; it is a report, not a source of models for other stages.
 */
final class EvaluateOperator implements Operator {

  private static final Form FORM = new Form("evaluate", Output.EVALUATIONS, List.of("models"),
      Map.of("models", "a list of model references such as [\"stage:train\", \"stage:search#3\"]"));

  @Override
  public Form form() {
    return FORM;
  }

  @Override
  public List<ModelReference> run(StageRun run) {
    List<Promise<ModelReference>> measured = new ArrayList<>();
    for (ModelReference model : run.models()) {
      measured.add(Async.function(run.activities()::evaluateModel, model));
    }
    List<ModelReference> out = new ArrayList<>();
    for (Promise<ModelReference> p : measured) {
      out.add(p.get());
    }
    out.sort(Comparator.comparing(
        (ModelReference m) -> m.metric(Metrics.TEST_ACCURACY), Comparator.nullsLast(Comparator.reverseOrder())));
    return out;
  }
}
