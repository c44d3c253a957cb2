package dev.modelsweep.worker;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelsweep.activities.PipelineActivitiesImpl;
import dev.modelsweep.activities.RegistryActivitiesImpl;
import dev.modelsweep.activities.TrainingActivitiesImpl;
import dev.modelsweep.activities.data.DataRoots;
import dev.modelsweep.activities.data.Datasets;
import dev.modelsweep.activities.device.DeviceLeases;
import dev.modelsweep.activities.registry.ModelRegistry;
import dev.modelsweep.activities.store.FolderBlobStore;
import dev.modelsweep.activities.suggest.SuggestActivitiesImpl;
import dev.modelsweep.activityapi.TrainingActivities;
import dev.modelsweep.pipeline.PipelineParser;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.worker.metrics.MeteredTrainingActivities;
import dev.modelsweep.workflow.SweepWorkflow;
import dev.modelsweep.workflow.WorkflowRegistration;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.GlobalDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * A ModelSweep worker: sweep and trial workflows on {@link SweepWorkflow#TASK_QUEUE} (with the
 * search's local activities, {@link dev.modelsweep.activityapi.SuggestActivities}), training
 * activities on {@link TrainingActivities#TASK_QUEUE} with a fixed number of slots. Run one per
 * machine; add machines to train more trials at once. The training side reads data only from the
 * config's data roots and refuses sweeps over its limits.
 */
public final class SweepWorker implements AutoCloseable {

  /** Turns sticky workflow queues off; see {@link #stickyQueues()}. */
  private static final Duration NO_STICKY = Duration.ZERO;

  /** Folder of the artifact store (models, specs, configurations by content key), under the artifact root. */
  public static final String STORE_FOLDER = FolderBlobStore.DEFAULT_FOLDER;

  /** See {@link #dataConverter()}. */
  private static final DataConverter DATA_CONVERTER = strictDataConverter();

  private final WorkerFactory factory;
  private final WorkerConfig config;
  private final boolean stickyQueues;

  private SweepWorker(WorkerFactory factory, WorkerConfig config, boolean stickyQueues) {
    this.factory = factory;
    this.config = config;
    this.stickyQueues = stickyQueues;
  }

  /**
   * Registers everything the config asks for and starts polling. Payloads are read with {@link
   * #dataConverter()} unless {@code client} has a data converter of its own.
   */
  public static SweepWorker start(WorkflowClient client, WorkerConfig config) {
    // The engine loads (native libraries, about half a second) beside the rest of the start-up,
    // and before the worker polls, so that no trial waits for it.
    FutureTask<Void> engine = new FutureTask<>(TrainingActivitiesImpl::loadEngine, null);
    if (config.training()) {
      Thread loader = new Thread(engine, "engine-loader");
      loader.setDaemon(true);
      loader.start();
    }
    warmUpSpecParser();
    boolean sticky = config.stickyCache() && stickyIsSafe(client.getWorkflowServiceStubs());
    WorkerFactory factory = WorkerFactory.newInstance(strict(client), factoryOptions());
    if (config.workflows()) {
      SearchAttributeRegistration.ensure(client);
      WorkerOptions options = sticky
          ? WorkerOptions.getDefaultInstance()
          : WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(NO_STICKY).build();
      Worker workflows = factory.newWorker(SweepWorkflow.TASK_QUEUE, options);
      WorkflowRegistration.register(workflows);
      // The gp strategy's fit runs as a local activity, on the worker that runs the workflow.
      workflows.registerActivitiesImplementations(new SuggestActivitiesImpl());
    }
    if (config.training()) {
      awaitEngine(engine);
      Worker worker =
          factory.newWorker(
              TrainingActivities.TASK_QUEUE,
              WorkerOptions.newBuilder().setMaxConcurrentActivityExecutionSize(config.trainingSlots()).build());
      ArtifactStores stores = ArtifactStores.of(config);
      worker.registerActivitiesImplementations(
          new MeteredTrainingActivities(new TrainingActivitiesImpl(
              stores.artifacts(), stores.models(), DataRoots.of(config.dataRoots()), config.limits(),
              config.maxMemory(), new DeviceLeases(config.devices())), config.trainingSlots()),
          pipelineActivities(config, stores),
          registryActivities(config, stores));
    }
    factory.start();
    return new SweepWorker(factory, config, sticky);
  }

  /**
   * The pipeline steps of a training worker: models are published to the store's folder {@value
   * #STORE_FOLDER}, and measured with the worker's data roots.
   */
  static PipelineActivitiesImpl pipelineActivities(WorkerConfig config, ArtifactStores stores) {
    return new PipelineActivitiesImpl(stores.artifacts(), stores.models(),
        Datasets.shared().withRoots(DataRoots.of(config.dataRoots())));
  }

  /** The model registry that {@code config} names: a folder, or a prefix in the S3 store. */
  public static ModelRegistry registry(WorkerConfig config) {
    return config.registry().open();
  }

  /** The registry steps of a training worker: candidates from the store, versions into the registry. */
  static RegistryActivitiesImpl registryActivities(WorkerConfig config, ArtifactStores stores) {
    return new RegistryActivitiesImpl(
        registry(config),
        stores.models(),
        Datasets.shared().withRoots(DataRoots.of(config.dataRoots())));
  }

  /**
   * A real Temporal server times out a dead worker's sticky queue; the in-memory service does not,
   * which is harmless only when the worker cannot outlive it: when both run in this process.
   */
  private static boolean stickyIsSafe(WorkflowServiceStubs service) {
    return EmbeddedTemporal.servesInThisProcess(service.getOptions().getTarget()) || isRealServer(service);
  }

  /**
   * Whether the service is a Temporal server rather than the in-memory service, which names no
   * server version. Unknown (unreachable, refused) counts as in-memory: without sticky queues a
   * sweep is slower, with them on the in-memory service it may hang.
   */
  static boolean isRealServer(WorkflowServiceStubs service) {
    try {
      return !service.blockingStub().withDeadlineAfter(10, TimeUnit.SECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance()).getServerVersion().isEmpty();
    } catch (StatusRuntimeException e) {
      return false;
    }
  }

  /**
   * Temporal's default data converter, except that JSON is read as strictly as {@link SpecParser}
   * reads a spec file: a duplicate key or anything after the document fails. A sweep started from
   * the Web UI arrives as the raw JSON that was typed, and the default converter would keep the
   * last of two {@code "epochs"} and drop a second document unseen, so the sweep would run
   * something other than what was typed. With {@link WorkflowRegistration#register} the workflow then
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
   * The first spec parse of a JVM loads and compiles the JSON Schema (about 0.3 s), and so does
   * the first pipeline parse. Doing it here keeps it out of the first workflow task, which has a
   * 1 s deadlock budget.
   */
  private static void warmUpSpecParser() {
    SpecParser.parse("{\"name\": \"warm-up\", \"dataset\": \"iris\", \"model\": {\"family\": \"mlp\"}}");
    PipelineParser.parse("{\"name\": \"warm-up\", \"stages\": [{\"id\": \"a\", \"operator\": \"train\","
        + " \"spec\": {\"dataset\": \"iris\", \"model\": {\"family\": \"mlp\"}}}]}");
  }

  /**
   * How a worker factory runs activities: with {@link RetryBackoff}, which the activities' retry
   * policy relies on for the backoff of their own failures. Tests' workers use it too.
   */
  public static WorkerFactoryOptions factoryOptions() {
    return WorkerFactoryOptions.newBuilder().setWorkerInterceptors(new RetryBackoff()).build();
  }

  /** Waits for the engine loader started by {@link #start}, rethrowing what it failed with. */
  private static void awaitEngine(FutureTask<Void> engine) {
    try {
      engine.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the PyTorch engine loaded", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  public WorkerConfig config() {
    return config;
  }

  /**
   * Whether workflow tasks use sticky queues, so that a workflow stays cached between its tasks
   * instead of replaying its whole history for each. After a worker is killed, the in-memory
   * service ({@code modelsweep server}) keeps routing that sweep's workflow tasks to the dead
   * worker's sticky queue and never times them out: the sweep would hang. So they are on only
   * where that cannot happen: on a real Temporal server, which times them out, and on an embedded
   * service in this same process ({@code dev}, {@code bench}), which dies with the worker; off
   * for a worker in another process than its in-memory service ({@code worker --target} a {@code
   * server}, the chaos harness), and wherever {@link WorkerConfig#stickyCache()} is false.
   */
  public boolean stickyQueues() {
    return stickyQueues;
  }

  @Override
  public void close() {
    factory.shutdownNow();
    factory.awaitTermination(10, TimeUnit.SECONDS);
  }
}
