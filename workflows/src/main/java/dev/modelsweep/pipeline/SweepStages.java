package dev.modelsweep.pipeline;

import dev.modelsweep.model.ModelReference;
import dev.modelsweep.model.PublishRequest;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.TrialResult;
import dev.modelsweep.workflow.SweepResult;
import dev.modelsweep.workflow.SweepWorkflow;
import dev.modelsweep.workflow.SweepWorkflowImpl;
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

  static List<ModelReference> run(StageRun run, SweepSpec spec) {
    SweepWorkflow child =
        Workflow.newChildWorkflowStub(
            SweepWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(run.childId())
                .setWorkflowTaskTimeout(SweepWorkflowImpl.workflowTaskTimeout(spec))
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE)
                .build());
    SweepResult result = child.run(SpecParser.toJson(spec), null);
    List<TrialResult> best = result.trials().stream()
        .filter(t -> t.status() == TrialResult.Status.COMPLETED)
        .limit(run.keep())
        .toList();
    if (best.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "sweep " + result.sweepId() + " ended with no completed trial (" + result.trials().size()
              + " failed or infeasible); see its leaderboard with `modelsweep results " + result.sweepId() + "`",
          NO_MODEL);
    }
    return run.activities().publishTrials(
        new PublishRequest(run.pipelineId(), run.stage().id(), result.sweepId(), spec, best));
  }
}
