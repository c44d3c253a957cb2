package dev.modelsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.modelsweep.trial.TrialResult;
import dev.modelsweep.workflow.SweepResult;
import dev.modelsweep.workflow.SweepWorkflow;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Starts sweeps the way the Temporal Web UI does: one payload, encoding {@code json/plain},
 * holding whatever the user typed. Good input runs; bad input fails the workflow at once with a
 * message that names the problem, and never leaves it hanging in Running.
 */
class RawJsonStartTest {

  private static final String IRIS =
      """
      {"name": "iris-ui", "seed": 3, "dataset": "iris",
       "model": {"family": "mlp", "hiddenLayers": [8]},
       "training": {"epochs": 20, "batchSize": "full"},
       "optimizer": {"type": "adam", "learningRate": 0.05},
       "search": {"strategy": "grid", "space": {"model.width": {"type": "choice", "values": [4, 8]}}}}
      """;

  @RegisterExtension final SweepTestEnvironment env = new SweepTestEnvironment();

  @Test
  void validSpecTypedIntoTheUiRuns() throws Exception {
    String id = startRaw(IRIS);
    SweepResult result =
        env.temporal.getWorkflowClient().newUntypedWorkflowStub(id)
            .getResult(120, TimeUnit.SECONDS, SweepResult.class);
    assertEquals(2, result.trials().size());
    assertTrue(result.trials().stream().allMatch(t -> t.status() == TrialResult.Status.COMPLETED));
  }

  @Test
  void malformedJsonFailsAtOnce() {
    String message = failureOf(startRaw("{\"name\": \"broken\", \"dataset\": "));
    assertTrue(message.toLowerCase().contains("json") || message.contains("Unexpected end"), message);
  }

  @Test
  void invalidSpecFailsAtOnceWithEveryProblem() {
    String message =
        failureOf(startRaw(
            """
            {"name": "bad", "dataset": "iris", "model": {"family": "mlp", "widht": 8},
             "training": {"epochs": "ten"}}
            """));
    assertTrue(message.contains("widht"), message);
    assertTrue(message.contains("epochs"), message);
  }

  @Test
  void missingDataFileFailsAtOnceNamingTheField() {
    String message =
        failureOf(startRaw(
            """
            {"name": "nofile", "dataset": {"path": "/no/such/file.csv", "format": "csv"},
             "model": {"family": "mlp"}}
            """));
    assertTrue(message.contains("dataset"), message);
    assertTrue(message.contains("/no/such/file.csv"), message);
  }

  /** The failure message, which must arrive well before the 30 s that would mean a hang. */
  private String failureOf(String workflowId) {
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> env.temporal.getWorkflowClient().newUntypedWorkflowStub(workflowId)
                .getResult(30, TimeUnit.SECONDS, SweepResult.class));
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof ApplicationFailure app ? app.getOriginalMessage() : t.getMessage();
  }

  private String startRaw(String json) {
    String id = "raw-" + UUID.randomUUID();
    Payload payload =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(ByteString.copyFromUtf8(json))
            .build();
    env.temporal.getWorkflowServiceStubs().blockingStub().startWorkflowExecution(
        StartWorkflowExecutionRequest.newBuilder()
            .setNamespace(env.temporal.getNamespace())
            .setWorkflowId(id)
            .setRequestId(UUID.randomUUID().toString())
            .setWorkflowType(WorkflowType.newBuilder().setName(SweepWorkflow.TYPE))
            .setTaskQueue(TaskQueue.newBuilder().setName(SweepWorkflow.TASK_QUEUE))
            .setInput(Payloads.newBuilder().addPayloads(payload))
            .build());
    return id;
  }
}
