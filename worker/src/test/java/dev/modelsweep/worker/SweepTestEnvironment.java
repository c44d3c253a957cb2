package dev.modelsweep.worker;

import dev.modelsweep.activities.TrainingActivitiesImpl;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activity.TrainingActivities;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.workflow.SweepWorkflow;
import dev.modelsweep.workflow.SweepWorkflows;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Per test: the in-memory Temporal service with a worker that runs the real workflows and the
 * real DJL activities, writing artifacts into a fresh temporary folder. Register with
 * {@code @RegisterExtension}.
 */
final class SweepTestEnvironment implements BeforeEachCallback, AfterEachCallback {

  TestWorkflowEnvironment temporal;
  SweepClient client;
  Path artifacts;

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    artifacts = Files.createTempDirectory("modelsweep-test");
    temporal = TestWorkflowEnvironment.newInstance();
    Worker workflows = temporal.newWorker(SweepWorkflow.TASK_QUEUE);
    SweepWorkflows.register(workflows);
    Worker training = temporal.newWorker(TrainingActivities.TASK_QUEUE);
    training.registerActivitiesImplementations(new TrainingActivitiesImpl(new ArtifactStore(artifacts)));
    temporal.start();
    client = SweepClient.of(temporal.getWorkflowClient());
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    temporal.close();
    try (Stream<Path> files = Files.walk(artifacts)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
