package dev.modelsweep.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelsweep.activity.TrainingActivities;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.trial.Metrics;
import dev.modelsweep.trial.TrialResult;
import io.temporal.api.filter.v1.WorkflowExecutionFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A 1,000-trial sweep with a stand-in trainer: the sweep continues as new so that no run's history
 * grows past the limit, the final leaderboard still holds the best trials of all runs, and every
 * run replays.
 */
class LongSweepTest {

  private TestWorkflowEnvironment env;
  private StandInActivities activities;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    SweepWorkflows.register(env.newWorker(SweepWorkflow.TASK_QUEUE));
    Worker training = env.newWorker(TrainingActivities.TASK_QUEUE);
    activities = new StandInActivities();
    training.registerActivitiesImplementations(activities);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void thousandTrialsKeepEveryHistoryBoundedAndReplayable() throws Exception {
    JsonNode spec = SpecParser.toJson(SpecParser.parse(
        """
        {"name": "long", "seed": 5, "dataset": "iris", "model": {"family": "mlp"},
         "search": {"strategy": "random", "trials": 1000, "maxConcurrent": 8, "space": {
           "optimizer.learningRate": {"type": "float", "min": 0.0001, "max": 1, "log": true}}}}
        """));
    long startNanos = System.nanoTime();
    SweepResult result = SweepClient.of(env.getWorkflowClient())
        .start(SpecParser.parse(spec.toString()), "long-1").result();
    double seconds = (System.nanoTime() - startNanos) / 1e9;

    assertEquals(1000, result.finishedTrials());
    assertEquals(1000, activities.trained.get(), "a trial was trained twice or never");
    assertEquals(SweepWorkflowImpl.KEEP_BEST, result.trials().size());
    double best = result.trials().get(0).metric(Metrics.VAL_ACCURACY);
    assertTrue(result.trials().stream().allMatch(t -> t.metric(Metrics.VAL_ACCURACY) <= best));
    assertEquals(distinctIds(result.trials()), result.trials().size(), "duplicate trial ids");

    List<Long> eventsPerRun = new ArrayList<>();
    for (WorkflowExecutionInfo run : runsOf("long-1")) {
      eventsPerRun.add(run.getHistoryLength());
    }
    System.out.printf("1000-trial sweep: %d runs, events per run %s, %.1f s in all%n",
        eventsPerRun.size(), eventsPerRun, seconds);
    assertTrue(eventsPerRun.size() >= 2, "never continued as new: " + eventsPerRun);
    assertTrue(eventsPerRun.stream().allMatch(n -> n < SweepWorkflowImpl.HISTORY_LIMIT + 500),
        "a run's history outgrew the limit: " + eventsPerRun);

    // Every run replays, the continued one too, which begins from the state the first carried.
    for (WorkflowExecutionInfo run : runsOf("long-1")) {
      WorkflowExecutionHistory history =
          env.getWorkflowClient().fetchHistory("long-1", run.getExecution().getRunId());
      WorkflowReplayer.replayWorkflowExecution(history, SweepWorkflowImpl.class);
    }
  }

  private static long distinctIds(List<TrialResult> trials) {
    return trials.stream().map(TrialResult::id).distinct().count();
  }

  private List<WorkflowExecutionInfo> runsOf(String workflowId) {
    return env.getWorkflowServiceStubs().blockingStub().listClosedWorkflowExecutions(
            ListClosedWorkflowExecutionsRequest.newBuilder()
                .setNamespace(env.getNamespace())
                .setExecutionFilter(WorkflowExecutionFilter.newBuilder().setWorkflowId(workflowId))
                .setMaximumPageSize(100)
                .build())
        .getExecutionsList();
  }
}
