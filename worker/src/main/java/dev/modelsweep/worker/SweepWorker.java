package dev.modelsweep.worker;

import dev.modelsweep.activities.TrainingActivitiesImpl;
import dev.modelsweep.activities.data.DataRoots;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activity.TrainingActivities;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.workflow.SweepWorkflow;
import dev.modelsweep.workflow.SweepWorkflows;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.GlobalDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;

/**
 * A ModelSweep worker: sweep and trial workflows on {@link SweepWorkflow#TASK_QUEUE}, training
 * activities on {@link TrainingActivities#TASK_QUEUE} with a fixed number of slots. Run one per
 * machine; add machines to train more trials at once. The training side reads data only from the
 * config's data roots and refuses sweeps over its limits.
 */
public final class SweepWorker implements AutoCloseable {

  /**
   * Sticky workflow queues are turned off: after a worker is killed, the in-memory service would
   * otherwise keep routing that sweep's workflow tasks to the dead worker's sticky queue. The cost
   * is a full history replay per workflow task, which is small for sweeps.
   */
  private static final Duration NO_STICKY = Duration.ZERO;

  /** See {@link #dataConverter()}. */
  private static final DataConverter DATA_CONVERTER = strictDataConverter();

  private final WorkerFactory factory;
  private final WorkerConfig config;

  private SweepWorker(WorkerFactory factory, WorkerConfig config) {
    this.factory = factory;
    this.config = config;
  }

  /**
   * Registers everything the config asks for and starts polling. Payloads are read with {@link
   * #dataConverter()} unless {@code client} has a data converter of its own.
   */
  public static SweepWorker start(WorkflowClient client, WorkerConfig config) {
    warmUpSpecParser();
    WorkerFactory factory = WorkerFactory.newInstance(strict(client));
    if (config.workflows()) {
      Worker worker =
          factory.newWorker(
              SweepWorkflow.TASK_QUEUE,
              WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(NO_STICKY).build());
      SweepWorkflows.register(worker);
    }
    if (config.training()) {
      TrainingActivitiesImpl.loadEngine();
      Worker worker =
          factory.newWorker(
              TrainingActivities.TASK_QUEUE,
              WorkerOptions.newBuilder()
                  .setMaxConcurrentActivityExecutionSize(config.trainingSlots())
                  .setStickyQueueScheduleToStartTimeout(NO_STICKY)
                  .build());
      worker.registerActivitiesImplementations(
          new TrainingActivitiesImpl(
              new ArtifactStore(config.artifactRoot()), DataRoots.of(config.dataRoots()), config.limits()));
    }
    factory.start();
    return new SweepWorker(factory, config);
  }

  /**
   * Temporal's default data converter, except that JSON is read as strictly as {@link SpecParser}
   * reads a spec file: a duplicate key or anything after the document fails. A sweep started from
   * the Web UI arrives as the raw JSON that was typed, and the default converter would keep the
   * last of two {@code "epochs"} and drop a second document unseen, so the sweep would run
   * something other than what was typed. With {@link SweepWorkflows#register} the workflow then
   * fails at once with the parser's message. Our own payloads never hold either, so nothing else
   * changes.
   */
  public static DataConverter dataConverter() {
    return DATA_CONVERTER;
  }

  private static DataConverter strictDataConverter() {
    ObjectMapper mapper = JacksonJsonPayloadConverter.newDefaultObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
    return DefaultDataConverter.newDefaultInstance()
        .withPayloadConverterOverrides(new JacksonJsonPayloadConverter(mapper));
  }

  /** {@code client}, or one like it on the same connection with {@link #dataConverter()} if it has the default. */
  private static WorkflowClient strict(WorkflowClient client) {
    if (client.getOptions().getDataConverter() != GlobalDataConverter.get()) {
      return client;
    }
    return WorkflowClient.newInstance(client.getWorkflowServiceStubs(),
        WorkflowClientOptions.newBuilder(client.getOptions()).setDataConverter(DATA_CONVERTER).build());
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
