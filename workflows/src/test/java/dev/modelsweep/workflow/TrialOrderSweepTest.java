package dev.modelsweep.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.client.SweepClient;
import dev.modelsweep.spec.Metrics;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.trial.TrialResult;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.WorkflowReplayer;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Early stopping judges reports in trial order: with three slots, where every fourth trial trains
 * ten times slower so that later trials reach each rung first, a sweep stops the same trials at the
 * same epochs, for the same reasons, as with one slot.
 */
class TrialOrderSweepTest {

  @RegisterExtension final StandInEnvironment temporal = new StandInEnvironment(index -> index % 4 == 0 ? 60 : 6);

  private SweepResult run(String id, int slots) {
    return SweepClient.of(temporal.env.getWorkflowClient()).start(SpecParser.parse("""
        {"name": "order", "seed": 8, "dataset": "iris", "model": {"family": "mlp"}, "training": {"epochs": 9},
         "search": {"strategy": "random", "trials": 24, "maxConcurrent": %d, "earlyStopping": {"type": "asha"},
           "space": {"optimizer.learningRate": {"type": "float", "min": 0.0001, "max": 1, "log": true}}}}
        """.formatted(slots)), id).result();
  }

  @Test
  void threeSlotsStopTheSameTrialsAsOne() throws Exception {
    SweepResult one = run("order-1", 1);
    SweepResult three = run("order-3", 3);
    Map<String, String> oneSlot = outcomes(one);
    assertEquals(oneSlot, outcomes(three));
    assertTrue(oneSlot.values().stream().anyMatch(o -> o.contains("stopped by asha")), "nothing stopped: " + oneSlot);
    assertEquals(one.epochsTrained(), three.epochsTrained());
    assertEquals(temporal.activities.epochsTrained.get(), one.epochsTrained() + three.epochsTrained(),
        "epochs really trained, each once");

    WorkflowExecutionHistory history = temporal.env.getWorkflowClient().fetchHistory("order-3");
    assertTrue(overtaken(history), "no trial reached a rung before an earlier one: the test proves nothing");
    WorkflowReplayer.replayWorkflowExecution(history, SweepWorkflowImpl.class);
  }

  /** Each trial's status, epochs and reason. */
  private static Map<String, String> outcomes(SweepResult result) {
    Map<String, String> out = new TreeMap<>();
    for (TrialResult t : result.trials()) {
      out.put(t.id(), t.status() + " at " + t.metric(Metrics.EPOCHS).intValue() + ": " + t.failure());
    }
    return out;
  }

  /** Whether a trial reported at an epoch before an earlier trial that reported there later. */
  private static boolean overtaken(WorkflowExecutionHistory history) {
    DataConverter converter = DefaultDataConverter.newDefaultInstance();
    Map<Integer, Integer> highestIndexAtEpoch = new HashMap<>();
    for (HistoryEvent event : history.getEvents()) {
      if (event.hasWorkflowExecutionSignaledEventAttributes()
          && event.getWorkflowExecutionSignaledEventAttributes().getSignalName().equals("trialReached")) {
        TrialReport report = converter.fromPayload(
            event.getWorkflowExecutionSignaledEventAttributes().getInput().getPayloads(0), TrialReport.class,
            TrialReport.class);
        int epoch = report.metrics().epoch();
        if (highestIndexAtEpoch.getOrDefault(epoch, -1) > report.index()) {
          return true;
        }
        highestIndexAtEpoch.merge(epoch, report.index(), Math::max);
      }
    }
    return false;
  }
}
