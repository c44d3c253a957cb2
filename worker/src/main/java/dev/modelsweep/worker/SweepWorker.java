package dev.modelsweep.worker;

import dev.modelsweep.activities.TrainingActivitiesImpl;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activity.TrainingActivities;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.workflow.SweepWorkflow;
import dev.modelsweep.workflow.SweepWorkflows;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;

/**
 * A ModelSweep worker: sweep and trial workflows on {@link SweepWorkflow#TASK_QUEUE}, training
 * activities on {@link TrainingActivities#TASK_QUEUE} with a fixed number of slots. Run one per
 * machine; add machines to train more trials at once.
 */
public final class SweepWorker implements AutoCloseable {

  /**
   * Sticky workflow queues are turned off: after a worker is killed, the in-memory service would
   * otherwise keep routing that sweep's workflow tasks to the dead worker's sticky queue. The cost
   * is a full history replay per workflow task, which is small for sweeps.
   */
  private static final Duration NO_STICKY = Duration.ZERO;

  private final WorkerFactory factory;
  private final WorkerConfig config;

  private SweepWorker(WorkerFactory factory, WorkerConfig config) {
    this.factory = factory;
    this.config = config;
  }

  /** Registers everything the config asks for and starts polling. */
  public static SweepWorker start(WorkflowClient client, WorkerConfig config) {
    warmUpSpecParser();
    WorkerFactory factory = WorkerFactory.newInstance(client);
    if (config.workflows()) {
      Worker worker =
          factory.newWorker(
              SweepWorkflow.TASK_QUEUE,
              WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(NO_STICKY).build());
      SweepWorkflows.register(worker);
    }
    if (config.training()) {
      Worker worker =
          factory.newWorker(
              TrainingActivities.TASK_QUEUE,
              WorkerOptions.newBuilder()
                  .setMaxConcurrentActivityExecutionSize(config.trainingSlots())
                  .setStickyQueueScheduleToStartTimeout(NO_STICKY)
                  .build());
      worker.registerActivitiesImplementations(
          new TrainingActivitiesImpl(new ArtifactStore(config.artifactRoot())));
    }
    factory.start();
    return new SweepWorker(factory, config);
  }

  /**
   * The first spec parse of a JVM loads and compiles the JSON Schema (about 0.3 s). Doing it here
   * keeps it out of the first workflow task, which has a 1 s deadlock budget.
   */
  private static void warmUpSpecParser() {
    SpecParser.parse("{\"name\": \"warm-up\", \"dataset\": \"iris\", \"model\": {\"family\": \"mlp\"}}");
  }

  public WorkerConfig config() {
    return config;
  }

  @Override
  public void close() {
    factory.shutdownNow();
    factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
  }
}
