package dev.modelsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.trial.TrialResult;
import dev.modelsweep.workflow.SweepResult;
import dev.modelsweep.workflow.SweepWorkflowImpl;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * sobol, tpe and gp through the real workflows and activities on iris, started as raw JSON the
 * way the Temporal Web UI sends it; each history replays against today's code.
 */
class StrategiesSweepTest {

  @RegisterExtension final SweepTestEnvironment env = new SweepTestEnvironment();

  private static String spec(String strategy, String startupTrials) {
    return """
        {"name": "iris-%s", "seed": 4, "dataset": "iris",
         "model": {"family": "mlp", "depth": 1, "width": 8},
         "training": {"epochs": 6, "batchSize": 32, "checkpointEvery": 6},
         "search": {"strategy": "%s", "trials": 5, %s"space": {
           "optimizer.type": {"type": "choice", "values": ["sgd", "adam"]},
           "optimizer.learningRate": {"type": "float", "min": 0.001, "max": 0.1, "log": true},
           "model.width": {"type": "int", "min": 4, "max": 16}}}}
        """.formatted(strategy, strategy, strategy.equals("sobol") ? "" : "\"startupTrials\": " + startupTrials + ", ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sobol", "tpe", "gp"})
  void runsFromRawJsonAndReplays(String strategy) throws Exception {
    String id = env.startRaw(spec(strategy, "2"));
    SweepResult result = env.temporal.getWorkflowClient().newUntypedWorkflowStub(id)
        .getResult(120, TimeUnit.SECONDS, SweepResult.class);

    assertEquals(5, result.trials().size());
    assertTrue(result.trials().stream().allMatch(t -> t.status() == TrialResult.Status.COMPLETED), result.trials().toString());
    WorkflowExecutionHistory history = env.temporal.getWorkflowClient().fetchHistory(id);
    long markers = history.getEvents().stream().filter(StrategiesSweepTest::isGpSuggestion).count();
    // gp asks its local activity for each trial after the two startup ones; its answers are recorded.
    assertEquals(strategy.equals("gp") ? 3 : 0, markers, "gp suggestions recorded in the " + strategy + " history");
    WorkflowReplayer.replayWorkflowExecution(history, SweepWorkflowImpl.class);
  }

  /** A local-activity marker of the gp suggestion (other markers record validation, for one). */
  private static boolean isGpSuggestion(HistoryEvent e) {
    if (e.getEventType() != EventType.EVENT_TYPE_MARKER_RECORDED
        || !e.getMarkerRecordedEventAttributes().getMarkerName().equals("LocalActivity")) {
      return false;
    }
    Payloads type = e.getMarkerRecordedEventAttributes().getDetailsMap().get("type");
    return type != null && type.getPayloads(0).getData().toStringUtf8().contains("SuggestGp");
  }

  @Test
  void aBadStartupTrialsFailsAtOnceNamingTheField() {
    String id = env.startRaw(spec("tpe", "0"));
    String message = env.failureOf(id);
    assertTrue(message.contains("$.search.startupTrials"), message);
  }
}
