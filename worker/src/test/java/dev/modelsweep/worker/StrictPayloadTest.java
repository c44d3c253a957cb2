package dev.modelsweep.worker;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.client.FailureMessages;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.workflow.SweepResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A production worker ({@link SweepWorker#start}) on a client with Temporal's default converter
 * still reads a raw spec strictly: a duplicate key or a second document fails the sweep instead of
 * running whatever the default converter kept.
 */
class StrictPayloadTest {

  @TempDir Path dir;

  @Test
  void duplicateKeysAndTrailingDocumentsFailTheSweep() throws Exception {
    String spec = "{\"name\": \"dup\", \"dataset\": \"iris\", \"model\": {\"family\": \"mlp\"},"
        + " \"training\": {\"epochs\": 1, \"epochs\": 100000}}";
    try (EmbeddedTemporal server = EmbeddedTemporal.start(0);
        SweepClient client = SweepClient.connect(ConnectionOptions.newBuilder().setTarget(server.target()).build());
        SweepWorker ignored = SweepWorker.start(client.workflowClient(),
            WorkerConfig.newBuilder().setArtifactRoot(dir).setTraining(false).build())) {
      assertTrue(failure(client.workflowClient(), spec).contains("Duplicate field 'epochs'"));
      String twice = "{\"name\": \"two\", \"dataset\": \"iris\", \"model\": {\"family\": \"mlp\"}} {\"name\": \"x\"}";
      assertTrue(failure(client.workflowClient(), twice).contains("Trailing token"));
    }
  }

  private static String failure(WorkflowClient client, String json) {
    String id = SweepTestEnvironment.startRaw(client.getWorkflowServiceStubs(), client.getOptions().getNamespace(), json);
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class,
        () -> client.newUntypedWorkflowStub(id).getResult(20, TimeUnit.SECONDS, SweepResult.class));
    return FailureMessages.innermostMessage(e);
  }
}
