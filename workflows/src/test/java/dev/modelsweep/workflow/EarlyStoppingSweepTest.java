package dev.modelsweep.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.client.SweepClient;
import dev.modelsweep.spec.Metrics;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.trial.TrialResult;
import io.temporal.testing.WorkflowReplayer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sweeps with early stopping and an epoch budget on the stand-in trainer. */
class EarlyStoppingSweepTest {

  @RegisterExtension final StandInEnvironment temporal = new StandInEnvironment(0);

  private SweepResult run(String id, String search) {
    return SweepClient.of(temporal.env.getWorkflowClient()).start(SpecParser.parse("""
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
        assertEquals(13, t.metrics().size(), "a stopped trial has every metric: " + t.metrics().keySet());
      }
      // The stand-in reports a second per epoch each call trained: every call counts.
      assertEquals(t.metric(Metrics.EPOCHS), t.metric(Metrics.TRAIN_SECONDS), t.id() + "'s train_seconds");
    }
    TrialResult continued = result.trials().stream().filter(t -> t.metric(Metrics.EPOCHS) > 1).findFirst().orElseThrow();
    WorkflowReplayer.replayWorkflowExecution(
        temporal.env.getWorkflowClient().fetchHistory("asha-1/" + continued.id()), TrialWorkflowImpl.class);
    assertEquals(temporal.activities.epochsTrained.get(), result.epochsTrained(), "epochs really trained, resumed ones once");
    assertTrue(result.epochsTrained() < 30 * 9, "no epochs saved: " + result.epochsTrained());
    WorkflowReplayer.replayWorkflowExecution(temporal.env.getWorkflowClient().fetchHistory("asha-1"), SweepWorkflowImpl.class);
  }

  @Test
  void severalObjectivesGiveAParetoFrontWhileConstraintsStillMarkTrialsInfeasible() {
    SweepResult result = SweepClient.of(temporal.env.getWorkflowClient()).start(SpecParser.parse("""
        {"name": "pareto", "seed": 3, "dataset": "iris", "model": {"family": "mlp"}, "training": {"epochs": 9},
         "search": {"strategy": "random", "trials": 30, "maxConcurrent": 2, "space": {
           "model.width": {"type": "choice", "values": [8, 16, 32, 64, 128]},
           "optimizer.learningRate": {"type": "float", "min": 0.0001, "max": 1, "log": true}}},
         "objective": {"metrics": [{"name": "val_accuracy"}, {"name": "params"}], "maxParams": 1000}}
        """), "pareto-1").result();
    List<String> front = result.paretoFront();
    assertTrue(front.size() >= 2, "a front of one: " + front);
    assertEquals(front, result.trials().subList(0, front.size()).stream().map(TrialResult::id).toList(),
        "the front ranks first");
    assertEquals(result.best().id(), front.get(0));
    for (TrialResult t : result.trials()) {
      boolean tooBig = t.metric(Metrics.PARAMS) > 1000;
      assertEquals(tooBig, t.status() == TrialResult.Status.INFEASIBLE, t.toString());
      if (!front.contains(t.id()) && t.status() != TrialResult.Status.INFEASIBLE) {
        assertTrue(result.trials().stream().filter(f -> front.contains(f.id())).anyMatch(f ->
                f.metric(Metrics.VAL_ACCURACY) >= t.metric(Metrics.VAL_ACCURACY)
                    && f.metric(Metrics.PARAMS) <= t.metric(Metrics.PARAMS)),
            t.id() + " is off the front but nothing on it dominates it");
      }
    }
  }
}
