package dev.modelsweep.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.activity.TrainingActivities;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.trial.Metrics;
import dev.modelsweep.trial.TrialResult;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sweeps with early stopping and an epoch budget on the stand-in trainer. */
class EarlyStoppingSweepTest {

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

  private SweepResult run(String id, String search) {
    return SweepClient.of(env.getWorkflowClient()).start(SpecParser.parse("""
        {"name": "es", "seed": 3, "dataset": "iris", "model": {"family": "mlp"}, "training": {"epochs": 9},
         "search": {"strategy": "random", "space": {
           "optimizer.learningRate": {"type": "float", "min": 0.0001, "max": 1, "log": true}}, %s}}
        """.formatted(search)), id).result();
  }

  @Test
  void ashaStopsWeakTrialsWhichKeepEveryMetricAndRankByThem() throws Exception {
    SweepResult result = run("asha-1", "\"trials\": 30, \"maxConcurrent\": 3, \"earlyStopping\": {\"type\": \"asha\"}");
    assertEquals(30, result.finishedTrials());
    long stopped = result.trials().stream().filter(t -> t.status() == TrialResult.Status.STOPPED).count();
    assertTrue(stopped > 10, "asha stopped only " + stopped + " of 30");
    for (TrialResult t : result.trials()) {
      if (t.status() == TrialResult.Status.STOPPED) {
        assertTrue(t.metric(Metrics.EPOCHS) < 9, t.toString());
        assertTrue(t.failure().startsWith("stopped by asha"), t.failure());
        assertEquals(11, t.metrics().size(), "a stopped trial has every metric: " + t.metrics().keySet());
      }
    }
    assertEquals(activities.epochsTrained.get(), result.epochsTrained(), "epochs really trained, resumed ones once");
    assertTrue(result.epochsTrained() < 30 * 9, "no epochs saved: " + result.epochsTrained());
    WorkflowReplayer.replayWorkflowExecution(env.getWorkflowClient().fetchHistory("asha-1"), SweepWorkflowImpl.class);
  }
}
