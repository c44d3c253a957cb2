package dev.modelsweep.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.workflow.SweepWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.Locale;
import java.util.UUID;

/**
 * Starts sweeps and finds them again by id. The CLI and the samples use this; so can any Java
 * program that wants sweeps started from code.
 *
 * <pre>{@code
 * try (SweepClient client = SweepClient.connect(ConnectionOptions.getDefaultInstance())) {
 *   SweepHandle sweep = client.start(SpecParser.parse(json));
 *   SweepResult result = sweep.result();
 * }
 * }</pre>
 */
public final class SweepClient implements AutoCloseable {

  private final WorkflowClient client;
  private final WorkflowServiceStubs ownedService;

  private SweepClient(WorkflowClient client, WorkflowServiceStubs ownedService) {
    this.client = client;
    this.ownedService = ownedService;
  }

  /** Connects to a Temporal service; {@link #close()} closes the connection. */
  public static SweepClient connect(ConnectionOptions options) {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(options.target()).build());
    WorkflowClient client =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace(options.namespace()).build());
    return new SweepClient(client, service);
  }

  /** Wraps an existing client; {@link #close()} leaves its connection open. */
  public static SweepClient of(WorkflowClient client) {
    return new SweepClient(client, null);
  }

  /** Validates a spec document here, failing fast with every problem, then starts it. */
  public SweepHandle start(String specJson) {
    return start(SpecParser.parse(specJson));
  }

  /** Starts a sweep with a fresh id: the spec's name and a random suffix. */
  public SweepHandle start(SweepSpec spec) {
    return start(spec, newSweepId(spec.name()));
  }

  /** Starts a sweep under the given id, which must not be in use. */
  public SweepHandle start(SweepSpec spec, String sweepId) {
    JsonNode json = SpecParser.toJson(spec);
    SweepWorkflow workflow =
        client.newWorkflowStub(
            SweepWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(sweepId)
                .setTaskQueue(SweepWorkflow.TASK_QUEUE)
                .build());
    WorkflowClient.start(workflow::run, json);
    return handle(sweepId);
  }

  /** A handle on a sweep started earlier, from this process or any other. */
  public SweepHandle handle(String sweepId) {
    return new SweepHandle(client, sweepId);
  }

  public WorkflowClient workflowClient() {
    return client;
  }

  static String newSweepId(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() {
    if (ownedService != null) {
      ownedService.shutdown();
    }
  }
}
