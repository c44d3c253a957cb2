package dev.modelsweep.pipeline;

import dev.modelsweep.model.ModelReference;
import dev.modelsweep.model.PublishRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelsweep.spec.DistillSpec;
import dev.modelsweep.spec.FinetuneSpec;
import dev.modelsweep.spec.SearchSpec;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.TrialResult;
import dev.modelsweep.workflow.SweepResult;
import dev.modelsweep.workflow.SweepWorkflow;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * Runs a sweep spec as a stage: a {@link SweepWorkflow} child on the pipeline's task queue (its
 * workflow id {@link StageRun#childId()}), then publishes the best {@link StageRun#keep()}
 * completed trials to the store. The child is durable on its own: a pipeline that replays after a
 * worker died finds it running or finished, never starts it twice.
 */
final class SweepStages {

  /** Failure type of a sweep stage in which no trial completed. */
  static final String NO_MODEL = "NoModel";

  private SweepStages() {}

  /**
   * The spec's one configuration as a sweep of one trial (a grid over an empty space) when it has
   * no search; the spec itself when it has one.
   */
  static SweepSpec onceUnlessSearched(SweepSpec spec) {
    return spec.search() != null ? spec : spec.withSearch(new SearchSpec(SearchSpec.Strategy.GRID, null, null, null, null, null, null, null));
  }

  /**
   * Writes the stage's own fields (every field of its operator but {@code spec}, those it gives)
   * into the spec's section named after the operator, whose fields have the same names; nothing
   * when the stage lacks its required {@code reference} field, which is reported under its own
   * name.
   */
  static void completeSection(StageSpec stage, ObjectNode spec, Operator.Form form, String reference) {
    JsonNode written = SpecParser.mapper().valueToTree(stage);
    if (!written.has(reference)) {
      return;
    }
    ObjectNode section = spec.get(form.name()) instanceof ObjectNode o ? o : spec.putObject(form.name());
    for (String field : form.fields()) {
      if (!field.equals("spec") && written.has(field)) {
        section.set(field, written.get(field));
      }
    }
  }

  /**
   * The spec with each pipeline reference of its {@code distill.teacher} and {@code
   * finetune.source} ({@code stage:ID#K}) replaced by the key of a model list the store holds, so
   * the sweep's trials, on any worker, read the same models by content.
   */
  static SweepSpec resolveReferences(StageRun run, SweepSpec spec) {
    DistillSpec distill = spec.distill();
    FinetuneSpec finetune = spec.finetune();
    if (distill != null && StageReference.parse(distill.teacher()).isPresent()) {
      distill = distill.withTeacher(publishList(run, distill.teacher()));
    }
    if (finetune != null && StageReference.parse(finetune.source()).isPresent()) {
      finetune = finetune.withSource(publishList(run, finetune.source()));
    }
    return distill == spec.distill() && finetune == spec.finetune() ? spec : spec.withTraining(finetune, distill);
  }

  private static String publishList(StageRun run, String reference) {
    return run.activities().publishModelList(run.resolve(StageReference.parse(reference).orElseThrow()));
  }

  static List<ModelReference> run(StageRun run, SweepSpec written) {
    SweepSpec spec = resolveReferences(run, written);
    SweepWorkflow child =
        Workflow.newChildWorkflowStub(
            SweepWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(run.childId())
                .setWorkflowTaskTimeout(SweepWorkflow.workflowTaskTimeout(spec))
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE)
                .build());
    SweepResult result = child.run(SpecParser.toJson(spec), null, null);
    List<TrialResult> best = result.trials().stream()
        // A stopped trial was evaluated where early stopping left it and ranks like a completed one.
        .filter(t -> t.status() == TrialResult.Status.COMPLETED || t.status() == TrialResult.Status.STOPPED)
        .limit(run.keep())
        .toList();
    if (best.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "sweep " + result.sweepId() + " ended with no completed trial (" + result.trials().size()
              + " failed or infeasible" + result.trials().stream().filter(t -> t.failure() != null).findFirst()
                  .map(t -> "; " + t.id() + ": " + t.failure()).orElse("")
              + "); see its leaderboard with `modelsweep results " + result.sweepId() + "`",
          NO_MODEL);
    }
    return run.activities().publishTrials(
        new PublishRequest(run.pipelineId(), run.stage().id(), result.sweepId(), spec, best));
  }
}
