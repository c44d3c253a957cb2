package dev.modelsweep.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.spec.SpecParser;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.WorkflowReplayer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The spec is validated once, in a local activity recorded in history, never on replay. */
class SpecValidationTest {

  @RegisterExtension final StandInEnvironment temporal = new StandInEnvironment(0);

  private static final String SPEC = """
      {"name": "v", "seed": 1, "dataset": "iris", "model": {"family": "mlp"}, "training": {"epochs": 2},
       "search": {"strategy": "random", "trials": 2, "space": {
         "optimizer.learningRate": {"type": "float", "min": 0.001, "max": 0.1, "log": true}}}}
      """;

  @Test
  void validationIsOneLocalActivityMarkerAndReplayNeverRunsIt() throws Exception {
    SweepClient.of(temporal.env.getWorkflowClient()).start(SpecParser.parse(SPEC), "valid-1").result();
    WorkflowExecutionHistory history = temporal.env.getWorkflowClient().fetchHistory("valid-1");
    List<String> markers = history.getEvents().stream().filter(HistoryEvent::hasMarkerRecordedEventAttributes)
        .map(e -> e.getMarkerRecordedEventAttributes().getMarkerName()).toList();
    // Version markers search-attributes and validate-in-local-activity, the validation, then the
    // marker judged-in-trial-order.
    assertEquals(List.of("Version", "Version", "LocalActivity", "Version"), markers, "version markers, one validation");
    // The replayer registers no activities: a replay that validated again would fail.
    WorkflowReplayer.replayWorkflowExecution(history, SweepWorkflowImpl.class);
  }

  @Test
  void anInvalidRawSpecFailsAtOnceNonRetryableNamingEveryPath() throws Exception {
    WorkflowClient client = temporal.env.getWorkflowClient();
    WorkflowStub stub = client.newUntypedWorkflowStub(SweepWorkflow.TYPE, WorkflowOptions.newBuilder()
        .setTaskQueue(SweepWorkflow.TASK_QUEUE).setWorkflowId("invalid-1").build());
    stub.start(new ObjectMapper().readTree(SPEC.replace("\"epochs\": 2", "\"epochs\": -2")
        .replace("\"trials\": 2", "\"trials\": \"two\"")), null, null);
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class, () -> stub.getResult(Object.class));
    ApplicationFailure cause = (ApplicationFailure) e.getCause();
    assertEquals("InvalidSpec", cause.getType());
    assertTrue(cause.isNonRetryable());
    assertTrue(cause.getOriginalMessage().contains("$.training.epochs"), cause.getOriginalMessage());
    assertTrue(cause.getOriginalMessage().contains("$.search.trials"), cause.getOriginalMessage());
  }
}
