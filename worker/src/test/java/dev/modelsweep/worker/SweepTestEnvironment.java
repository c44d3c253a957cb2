package dev.modelsweep.worker;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import dev.modelsweep.activities.PipelineActivitiesImpl;
import dev.modelsweep.activities.RegistryActivitiesImpl;
import dev.modelsweep.activities.TrainingActivitiesImpl;
import dev.modelsweep.activities.data.DataRoots;
import dev.modelsweep.activities.data.Datasets;
import dev.modelsweep.activities.registry.ModelRegistry;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.store.FolderBlobStore;
import dev.modelsweep.activities.suggest.SuggestActivitiesImpl;
import dev.modelsweep.activityapi.TrainingActivities;
import dev.modelsweep.client.FailureMessages;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.pipeline.PipelineParser;
import dev.modelsweep.activities.Limits;
import dev.modelsweep.workflow.SweepResult;
import dev.modelsweep.workflow.SweepSearchAttributes;
import dev.modelsweep.workflow.SweepWorkflow;
import dev.modelsweep.workflow.WorkflowRegistration;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowFailedException;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Per test: the in-memory Temporal service with a worker that runs the real workflows and the
 * real DJL activities, writing artifacts into a fresh temporary folder and reading data files only
 * from another ({@link #data}, the worker's one data root). Register with {@code @RegisterExtension}.
 */
final class SweepTestEnvironment implements BeforeEachCallback, AfterEachCallback {

  private final Limits limits;
  private final boolean timeSkipping;

  TestWorkflowEnvironment temporal;
  SweepClient client;
  Path artifacts;
  /** The worker's only data root: an empty temporary folder, removed after the test. */
  Path data;

  /** A worker with no limits, on a service that skips time when every workflow waits. */
  SweepTestEnvironment() {
    this(Limits.NONE, true);
  }

  /**
   * A worker that refuses sweeps over {@code limits}.
   *
   * @param timeSkipping whether the service's clock jumps ahead when every workflow waits. Off for
   *     tests that start hundreds of workflows: each start without a run timeout lets the clock
   *     jump years, and some hundred years ahead of the real clock the SDK's end-to-end latency
   *     metric overflows and fails every workflow task (temporalio/sdk-java#173)
   */
  SweepTestEnvironment(Limits limits, boolean timeSkipping) {
    this.limits = limits;
    this.timeSkipping = timeSkipping;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    artifacts = Files.createTempDirectory("modelsweep-test");
    data = Files.createTempDirectory("modelsweep-data");
    startTemporal();
  }

  /**
   * Replaces the in-memory service with a fresh one, as when {@code modelsweep dev} is started
   * again: every workflow is gone, the artifact folder stays.
   */
  void restartTemporal() {
    temporal.close();
    startTemporal();
  }

  private void startTemporal() {
    // Loads the pipeline schema here, as SweepWorker does, not in a test's first workflow task.
    PipelineParser.isPipeline(null);
    temporal = TestWorkflowEnvironment.newInstance(
        TestEnvironmentOptions.newBuilder()
            .setUseTimeskipping(timeSkipping)
            .setWorkflowClientOptions(
                WorkflowClientOptions.newBuilder().setDataConverter(SweepWorker.dataConverter()).build())
            .setWorkerFactoryOptions(SweepWorker.factoryOptions())
            .build());
    SweepSearchAttributes.definitions().forEach(temporal::registerSearchAttribute);
    Worker workflows = temporal.newWorker(SweepWorkflow.TASK_QUEUE);
    WorkflowRegistration.register(workflows);
    workflows.registerActivitiesImplementations(new SuggestActivitiesImpl());
    Worker training = temporal.newWorker(TrainingActivities.TASK_QUEUE);
    training.registerActivitiesImplementations(
        new TrainingActivitiesImpl(new ArtifactStore(artifacts), DataRoots.of(List.of(data)), limits),
        new PipelineActivitiesImpl(new ArtifactStore(artifacts), new FolderBlobStore(store()),
            Datasets.shared().withRoots(DataRoots.of(List.of(data)))),
        new RegistryActivitiesImpl(registry(), new FolderBlobStore(store()),
            Datasets.shared().withRoots(DataRoots.of(List.of(data)))));
    temporal.start();
    client = SweepClient.of(temporal.getWorkflowClient());
  }

  /** The workers' model registry, in the folder {@code registry} under {@link #artifacts}. */
  ModelRegistry registry() {
    return new ModelRegistry(new FolderBlobStore(artifacts.resolve(ModelRegistry.DEFAULT_FOLDER)));
  }

  /** The folder of the workers' artifact store (models by content key), under {@link #artifacts}. */
  Path store() {
    return artifacts.resolve(SweepWorker.STORE_FOLDER);
  }

  /**
   * Starts a sweep the way the Temporal Web UI does: one payload, encoding {@code json/plain},
   * holding {@code json} as typed, whatever it is. Returns the workflow id.
   */
  String startRaw(String json) {
    return startRaw(temporal.getWorkflowServiceStubs(), temporal.getNamespace(), json);
  }

  /** {@link #startRaw(String)} of a workflow of another type, such as {@code PipelineWorkflow}. */
  String startRaw(String workflowType, String json) {
    return startRaw(temporal.getWorkflowServiceStubs(), temporal.getNamespace(), workflowType, json);
  }

  /** {@link #startRaw(String)} on any service. */
  static String startRaw(WorkflowServiceStubs service, String namespace, String json) {
    return startRaw(service, namespace, SweepWorkflow.TYPE, json);
  }

  private static String startRaw(WorkflowServiceStubs service, String namespace, String workflowType, String json) {
    String id = "raw-" + UUID.randomUUID();
    Payload payload =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(ByteString.copyFromUtf8(json))
            .build();
    service.blockingStub().startWorkflowExecution(
        StartWorkflowExecutionRequest.newBuilder()
            .setNamespace(namespace)
            .setWorkflowId(id)
            .setRequestId(UUID.randomUUID().toString())
            .setWorkflowType(WorkflowType.newBuilder().setName(workflowType))
            .setTaskQueue(TaskQueue.newBuilder().setName(SweepWorkflow.TASK_QUEUE))
            .setInput(Payloads.newBuilder().addPayloads(payload))
            .build());
    return id;
  }

  /**
   * The innermost failure message of a workflow that must fail, as the client reports it; fails
   * the test if the workflow succeeds or has not failed within 30 s, which would mean a hang.
   */
  String failureOf(String workflowId) {
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> temporal.getWorkflowClient().newUntypedWorkflowStub(workflowId)
                .getResult(30, TimeUnit.SECONDS, SweepResult.class));
    return FailureMessages.innermostMessage(e);
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    temporal.close();
    for (Path dir : List.of(artifacts, data)) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
