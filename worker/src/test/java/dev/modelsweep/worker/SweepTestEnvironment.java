package dev.modelsweep.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelsweep.activities.TrainingActivitiesImpl;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activity.TrainingActivities;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.workflow.SweepWorkflow;
import dev.modelsweep.workflow.SweepWorkflows;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Path;

/**
 * The in-memory Temporal service with a worker that runs the real workflows and the real DJL
 * activities, writing artifacts under a test's temporary folder.
 */
final class SweepTestEnvironment implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  final TestWorkflowEnvironment temporal;
  final SweepClient client;
  final Path artifacts;

  SweepTestEnvironment(Path artifacts) {
    this.artifacts = artifacts;
    temporal = TestWorkflowEnvironment.newInstance();
    Worker workflows = temporal.newWorker(SweepWorkflow.TASK_QUEUE);
    SweepWorkflows.register(workflows);
    Worker training = temporal.newWorker(TrainingActivities.TASK_QUEUE);
    training.registerActivitiesImplementations(new TrainingActivitiesImpl(new ArtifactStore(artifacts)));
    temporal.start();
    client = SweepClient.of(temporal.getWorkflowClient());
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public void close() {
    temporal.close();
  }
}
