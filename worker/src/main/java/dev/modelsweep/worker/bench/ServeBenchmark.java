package dev.modelsweep.worker.bench;

import dev.modelsweep.activities.data.Datasets;
import dev.modelsweep.activities.data.SplitDataset;
import dev.modelsweep.activities.registry.AliasMove;
import dev.modelsweep.activities.registry.ModelCard;
import dev.modelsweep.activities.registry.ModelRegistry;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.train.EpochListener;
import dev.modelsweep.activities.train.Predictor;
import dev.modelsweep.activities.train.TrialEvaluator;
import dev.modelsweep.activities.train.TrialTrainer;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.EvaluateRequest;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrainResult;
import dev.modelsweep.trial.TrialConfig;
import dev.modelsweep.trial.TrialConfigs;
import dev.modelsweep.worker.serve.LoadGenerator;
import dev.modelsweep.worker.serve.ModelServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What serving costs: the digits MLP served by {@link ModelServer} on localhost, loaded by {@link
 * LoadGenerator} in a process of its own, against the same model's plain in-process predict call
 * under the same load, in one run, so the cost of HTTP and JSON shows.
 */
public final class ServeBenchmark {

  /** The model served: the digits MLP 64-64-10 of the samples. */
  public static final String DIGITS_SPEC = """
      {"name": "bench-serve", "seed": 0, "dataset": "digits",
       "model": {"family": "mlp", "hiddenLayers": [64], "activation": "relu"},
       "training": {"epochs": 10, "batchSize": 32}}
      """;

  /**
   * One measured load.
   *
   * @param path {@code http} (server in this process, load from another) or {@code in-process}
   * @param rate calls per second in all, 0 for closed loops (as fast as answers come)
   */
  public record Row(String path, int concurrency, double rate, LoadGenerator.Result result) {}

  private ServeBenchmark() {}

  /**
   * Trains {@code spec}'s base configuration under {@code scratch}, measures it and registers it as
   * the next version of {@code name} with {@code alias} moved to it: a model to serve without a
   * pipeline. Returns the alias move.
   */
  public static AliasMove trainAndRegister(Path scratch, ModelRegistry registry, SweepSpec spec, String name,
      String alias, String promotionKey) throws IOException {
    ArtifactStore store = new ArtifactStore(scratch);
    Datasets datasets = Datasets.shared();
    TrialConfig trial = TrialConfigs.resolve(spec, promotionKey.replace('/', '-'), 0, Map.of());
    TrainResult trained = new TrialTrainer(store, datasets).train(TrainRequest.full(trial), EpochListener.NONE);
    Map<String, Double> metrics = new TrialEvaluator(store, datasets)
        .evaluate(new EvaluateRequest(trial, trained.model())).metrics();
    SplitDataset data = datasets.load(trial.dataset(), trial.seed());
    ModelCard card = ModelCard.candidate(promotionKey, Instant.now().toString(), metrics, data,
        SpecParser.toJson(spec), trial, null);
    return registry.promote(name, alias, card, store.read(trained.model()), "registered by " + promotionKey);
  }

  /** A raw test row of the data, as a request's instance: {@code [v1, v2, ...]}. */
  static float[] testRow(SweepSpec spec) throws IOException {
    SplitDataset data = Datasets.shared().load(spec.dataset(), spec.seedOrDefault());
    float[] scaled = Arrays.copyOf(data.test().x(), data.features());
    // Undo the scaling: a client sends raw rows.
    for (int j = 0; j < scaled.length; j++) {
      scaled[j] = scaled[j] * data.normalization().scale()[j] + data.normalization().shift()[j];
    }
    return scaled;
  }

  /**
   * Serves a freshly trained digits MLP and loads it at each concurrency, paced at {@code rate}
   * and in closed loops, over HTTP from a separate process and in-process.
   */
  public static List<Row> run(Path scratch, List<Integer> concurrencies, double rate, Duration warmup,
      Duration measured, java.util.function.Consumer<Row> progress) throws Exception {
    SweepSpec spec = SpecParser.parse(DIGITS_SPEC);
    ModelRegistry registry = new ModelRegistry(
        new dev.modelsweep.activities.store.FolderBlobStore(scratch.resolve("registry")));
    trainAndRegister(scratch.resolve("artifacts"), registry, spec, "digits", "production", "bench-serve/1");
    float[] row = testRow(spec);
    String body = "{\"instances\": [" + Arrays.toString(row) + "]}";
    List<Row> rows = new ArrayList<>();
    ModelCard card = registry.resolve("digits@production");
    try (ModelServer server = ModelServer.start(registry, "digits@production", "127.0.0.1", 0,
            ModelServer.DEFAULT_POLL, ModelServer.DEFAULT_MAX_BODY);
        Predictor predictor = new Predictor(card.config(), card.inputShape(), card.classNames(), card.normalization(),
            registry.weights(card))) {
      String url = "http://127.0.0.1:" + server.port() + "/v1/models/digits:predict";
      for (int concurrency : concurrencies) {
        for (double r : rate > 0 ? List.of(rate, 0.0) : List.of(0.0)) {
          Row http = new Row("http", concurrency, r, overHttp(url, body, concurrency, r, warmup, measured));
          progress.accept(http);
          rows.add(http);
          Row local = new Row("in-process", concurrency, r, LoadGenerator.run(
              () -> predictor.predict(row.clone(), 1).size() == 1, concurrency, r, warmup, measured));
          progress.accept(local);
          rows.add(local);
        }
      }
    }
    return rows;
  }

  /** Where Linux lists the kernel's DAMON monitors, one folder each with a {@code state} file. */
  public static final Path KDAMONDS = Path.of("/sys/kernel/mm/damon/admin/kdamonds");

  /**
   * Whether one of the kernel's DAMON memory monitors under {@code kdamonds} is running (its {@code
   * state} reads {@code on}). On a small VM a monitor that pages out cold memory holds a CPU for
   * 10-30 ms at a time, and a paced run counts each such stall against every call it delays.
   */
  public static boolean kernelMemoryMonitorRunning(Path kdamonds) {
    try (Stream<Path> monitors = Files.list(kdamonds)) {
      return monitors.map(m -> m.resolve("state")).filter(Files::isReadable).anyMatch(state -> {
        try {
          return Files.readString(state).trim().equals("on");
        } catch (IOException e) {
          return false;
        }
      });
    } catch (IOException e) {
      return false; // no DAMON on this kernel
    }
  }

  /** Runs {@link LoadGenerator#main} in a JVM of its own on this class path and reads its result. */
  private static LoadGenerator.Result overHttp(String url, String body, int concurrency, double rate, Duration warmup,
      Duration measured) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    // The serial collector: no concurrent GC threads competing with the server for the cores.
    List<String> command = List.of(java, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        LoadGenerator.class.getName(), url, body, Integer.toString(concurrency), Double.toString(rate),
        Double.toString(warmup.toMillis() / 1000.0), Double.toString(measured.toMillis() / 1000.0));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> lines;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      lines = out.lines().collect(Collectors.toList());
    }
    if (process.waitFor() != 0 || lines.isEmpty()) {
      throw new IOException("the load generator failed: " + String.join("\n", lines));
    }
    return LoadGenerator.Result.parse(lines.get(lines.size() - 1));
  }
}
