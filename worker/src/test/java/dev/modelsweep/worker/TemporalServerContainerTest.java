package dev.modelsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.trial.TrialResult;
import dev.modelsweep.workflow.SweepResult;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * A short sweep against the real Temporal server (the official image's dev server), not the
 * in-memory one. Needs a Docker engine; without one JUnit reports it skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
class TemporalServerContainerTest {

  private static final int GRPC = 7233;
  private static final int HTTP = 8233;

  @Container
  private static final GenericContainer<?> TEMPORAL =
      new GenericContainer<>(DockerImageName.parse("temporalio/temporal:1.5.1"))
          .withCommand("server", "start-dev", "--ip", "0.0.0.0")
          .withExposedPorts(GRPC, HTTP)
          .waitingFor(Wait.forHttp("/api/v1/namespaces").forPort(HTTP)
              .withStartupTimeout(Duration.ofMinutes(2)));

  @TempDir Path artifacts;

  @Test
  void shortSweepCompletesOnTheRealServer() {
    ConnectionOptions connection = ConnectionOptions.newBuilder()
        .setTarget(TEMPORAL.getHost() + ":" + TEMPORAL.getMappedPort(GRPC)).build();
    try (SweepClient client = SweepClient.connect(connection);
        SweepWorker worker = SweepWorker.start(client.workflowClient(),
            WorkerConfig.newBuilder().setArtifactRoot(artifacts).setTrainingSlots(1).build())) {
      assertTrue(worker.stickyQueues(), "a real server times out sticky queues: workers should use them");
      SweepResult result = client.start(SpecParser.parse(
          """
          {"name": "iris-real-server", "dataset": "iris", "model": {"family": "mlp", "width": 8},
           "training": {"epochs": 20, "batchSize": "full"},
           "search": {"strategy": "grid", "space": {"model.width": {"type": "choice", "values": [4, 8]}}}}
          """)).result();
      assertEquals(2, result.trials().size());
      assertTrue(result.trials().stream().allMatch(t -> t.status() == TrialResult.Status.COMPLETED));
    }
  }
}
