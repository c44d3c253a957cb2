package dev.modelsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.client.SweepHandle;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.trial.TrialResult;
import dev.modelsweep.workflow.SweepResult;
import java.io.File;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The whole stack of {@code docker/compose.yaml} (PostgreSQL, Temporal with its schema jobs, the
 * UI, MinIO, two workers without a shared volume): a sweep starts, one worker container is killed
 * while the sweep trains, and the sweep completes on the other. Needs a Docker engine with
 * {@code docker compose}; without one JUnit reports it skipped ("Docker is not available").
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeStackTest {

  @Container
  private static final ComposeContainer STACK = new ComposeContainer(new File("../docker/compose.yaml"))
      .withBuild(true)
      .withLocalCompose(true)
      .withExposedService("temporal", 7233, Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(15)))
      .waitingFor("worker-1", Wait.forLogMessage(".*worker polling.*", 1).withStartupTimeout(Duration.ofMinutes(15)))
      .waitingFor("worker-2", Wait.forLogMessage(".*worker polling.*", 1).withStartupTimeout(Duration.ofMinutes(15)));

  @Test
  void aSweepCompletesAfterOneWorkerContainerIsKilled() throws Exception {
    String target = STACK.getServiceHost("temporal", 7233) + ":" + STACK.getServicePort("temporal", 7233);
    try (SweepClient client = SweepClient.connect(ConnectionOptions.newBuilder().setTarget(target).build())) {
      SweepHandle sweep = client.start(SpecParser.parse("""
          {"name": "compose-kill", "seed": 2, "dataset": "digits", "model": {"family": "mlp", "hiddenLayers": [32]},
           "training": {"epochs": 30, "batchSize": 16, "checkpointEvery": 3, "heartbeatTimeoutSeconds": 5},
           "search": {"strategy": "grid", "maxConcurrent": 2,
                      "space": {"model.activation": {"type": "choice", "values": ["relu", "tanh", "gelu", "elu"]}}}}
          """));
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (sweep.progress().running().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(500);
      }
      Thread.sleep(3_000);
      ContainerState victim = STACK.getContainerByServiceName("worker-1").orElseThrow();
      DockerClientFactory.instance().client().killContainerCmd(victim.getContainerId()).exec();

      SweepResult result = sweep.result(Duration.ofMinutes(15));
      assertEquals(4, result.trials().size());
      assertTrue(result.trials().stream().allMatch(t -> t.status() == TrialResult.Status.COMPLETED), result.toString());
    }
  }
}
