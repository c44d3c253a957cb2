package dev.modelsweep.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.TrialConfig;
import dev.modelsweep.trial.TrialConfigs;
import dev.modelsweep.trial.TrialResult;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.WorkflowReplayer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A trial's signals to its sweep: one refused because no run of the sweep exists (as for a moment
 * while it continues as new) is tried again, and a trial whose sweep stays gone ends cleanly
 * instead of failing.
 */
class TrialSignalTest {

  @RegisterExtension final StandInEnvironment temporal = new StandInEnvironment(0);

  @Test
  void aTrialWhoseSweepIsGoneRetriesItsSignalsThenEndsStopped() throws Exception {
    SweepSpec spec = SpecParser.parse("""
        {"name": "gone", "seed": 1, "dataset": "iris", "model": {"family": "mlp"}, "training": {"epochs": 3}}
        """);
    TrialConfig trial = TrialConfigs.resolve(spec, "no-such-sweep", 0, Map.of());
    String id = "no-such-sweep/" + trial.trialId();
    TrialWorkflow workflow = temporal.env.getWorkflowClient().newWorkflowStub(TrialWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(SweepWorkflow.TASK_QUEUE).build());

    // Trains to epoch 1, reports: the sweep is not there, so it stops there and reports its end.
    TrialResult result = workflow.run(new TrialRun(trial, spec.objectiveOrDefault(), 1));

    assertEquals(TrialResult.Status.STOPPED, result.status(), String.valueOf(result.failure()));
    assertEquals("stopped at epoch 1: its sweep is gone", result.failure());
    long refused = temporal.env.getWorkflowClient().fetchHistory(id).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED)
        .count();
    assertEquals(2L * TrialWorkflowImpl.SIGNAL_ATTEMPTS, refused, "the report and the end, each tried every time");
    assertEquals(1L, temporal.activities.epochsTrained.get(), "trained past the report");
    WorkflowReplayer.replayWorkflowExecution(temporal.env.getWorkflowClient().fetchHistory(id), TrialWorkflowImpl.class);
  }
}
