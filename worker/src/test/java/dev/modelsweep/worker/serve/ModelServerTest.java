package dev.modelsweep.worker.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelsweep.activities.registry.ModelRegistry;
import dev.modelsweep.activities.store.FolderBlobStore;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.worker.bench.ServeBenchmark;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} on a real registry with real trained iris models, over real HTTP: answers, 400s
 * that name the problem, and a version switch under load with no failed request.
 */
class ModelServerTest {

  private static final String IRIS = """
      {"name": "serve-test", "seed": %d, "dataset": "iris",
       "model": {"family": "mlp", "hiddenLayers": [8]}, "training": {"epochs": 30, "batchSize": "full"},
       "optimizer": {"type": "adam", "learningRate": 0.05}}
      """;
  /** A raw iris row (setosa). */
  private static final String ROW = "[5.1, 3.5, 1.4, 0.2]";

  @TempDir static Path dir;
  static ModelRegistry registry;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void registerTwoVersions() throws Exception {
    registry = new ModelRegistry(new FolderBlobStore(dir.resolve("registry")));
    for (int seed = 1; seed <= 2; seed++) {
      SweepSpec spec = SpecParser.parse(IRIS.formatted(seed));
      ServeBenchmark.trainAndRegister(dir.resolve("artifacts"), registry, spec, "iris", "staging", "test/" + seed);
    }
    registry.moveAlias("iris", "production", 1, "test", null, "now");
  }

  private HttpResponse<String> post(ModelServer server, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(ModelServer server, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aRowGetsItsClassAndProbabilitiesAndTheModelItsMetadata() throws Exception {
    try (ModelServer server = ModelServer.start(registry, "iris@production", "127.0.0.1", 0, Duration.ofSeconds(1),
        ModelServer.DEFAULT_MAX_BODY)) {
      HttpResponse<String> answer = post(server, "/v1/models/iris:predict", "{\"instances\": [" + ROW + ", " + ROW + "]}");
      assertEquals(200, answer.statusCode(), answer.body());
      assertEquals("1", answer.headers().firstValue(ModelServer.VERSION_HEADER).orElseThrow());
      JsonNode predictions = json.readTree(answer.body()).get("predictions");
      assertEquals(2, predictions.size());
      JsonNode first = predictions.get(0);
      assertEquals(0, first.get("class_index").asInt(), "a textbook setosa: " + answer.body());
      double sum = 0;
      for (JsonNode p : first.get("probabilities")) {
        sum += p.asDouble();
      }
      assertEquals(1.0, sum, 1e-5);
      assertEquals(3, first.get("probabilities").size());

      JsonNode metadata = json.readTree(get(server, "/v1/models/iris").body());
      assertTrue(metadata.get("ready").asBoolean());
      assertEquals(1, metadata.get("version").asInt());
      assertEquals("test/1", metadata.get("card").get("promotionKey").asText());
      assertEquals("{\"status\":\"alive\"}", get(server, "/").body());
    }
  }

  @Test
  void badRequestsGetA400NamingTheProblem() throws Exception {
    try (ModelServer server = ModelServer.start(registry, "iris@production", "127.0.0.1", 0, Duration.ofSeconds(1),
        1000)) {
      String path = "/v1/models/iris:predict";
      List<String[]> cases = List.of(
          new String[] {"{\"instances\": [[1, 2", "$: malformed JSON"},
          new String[] {"[1, 2]", "$: the body must be a JSON object"},
          new String[] {"{\"rows\": []}", "$.instances: required"},
          new String[] {"{\"instances\": [[1, 2, 3]]}", "$.instances[0]: has 3 values; iris version 1 takes rows of 4 numbers"},
          new String[] {"{\"instances\": [" + ROW + ", [1, \"x\", 3, 4]]}", "$.instances[1][1]: \"x\" is not a number"},
          new String[] {"{\"instances\": [[1, 2, 3, 1e300]]}", "$.instances[0][3]: 1.0E300 is not a number a float can hold"},
          new String[] {"{\"instances\": [" + (ROW + ", ").repeat(60) + ROW + "]}", "over the limit of 1000 bytes"});
      for (String[] c : cases) {
        HttpResponse<String> answer = post(server, path, c[0]);
        assertEquals(400, answer.statusCode(), c[0] + " -> " + answer.body());
        String error = json.readTree(answer.body()).get("error").asText();
        assertTrue(error.startsWith(c[1]) || error.contains(c[1]), c[0] + " -> " + error);
      }
      assertEquals(404, post(server, "/v1/models/digits:predict", "{}").statusCode());
      assertEquals(200, post(server, path, "{\"instances\": [" + ROW + "]}").statusCode(), "still serving");
    }
  }

  @Test
  void movingTheAliasSwitchesVersionsWithoutFailingARequest() throws Exception {
    registry.moveAlias("iris", "live", 1, "test", null, "now");
    try (ModelServer server = ModelServer.start(registry, "iris@live", "127.0.0.1", 0, Duration.ofMillis(20),
        ModelServer.DEFAULT_MAX_BODY)) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger ok = new AtomicInteger();
      List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      Set<String> versions = ConcurrentHashMap.newKeySet();
      List<Thread> clients = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread client = new Thread(() -> {
          while (!stop.get()) {
            try {
              HttpResponse<String> answer = post(server, "/v1/models/iris:predict", "{\"instances\": [" + ROW + "]}");
              if (answer.statusCode() == 200) {
                ok.incrementAndGet();
                versions.add(answer.headers().firstValue(ModelServer.VERSION_HEADER).orElse("?"));
              } else {
                failures.add(answer.statusCode() + " " + answer.body());
              }
            } catch (Exception e) {
              failures.add(e.toString());
            }
          }
        });
        client.start();
        clients.add(client);
      }
      Thread.sleep(500);
      // Forward, back (the rollback) and forward again, each while requests are in flight.
      for (int version : new int[] {2, 1, 2}) {
        registry.moveAlias("iris", "live", version, "test", null, "now");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (server.version() != version && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertEquals(version, server.version(), "switched to version " + version);
        Thread.sleep(300);
      }
      stop.set(true);
      for (Thread t : clients) {
        t.join();
      }
      assertEquals(List.of(), failures, "no request failed across the switches");
      assertEquals(Set.of("1", "2"), versions);
      assertTrue(ok.get() > 20, ok + " requests answered");
      assertEquals("2", post(server, "/v1/models/iris:predict", "{\"instances\": [" + ROW + "]}").headers()
          .firstValue(ModelServer.VERSION_HEADER).orElseThrow());
    }
  }

  @Test
  void theLoadGeneratorsKeptAliveConnectionReadsEveryAnswerWholeAndRecoversFromAClose() throws Exception {
    try (ModelServer server = ModelServer.start(registry, "iris@production", "127.0.0.1", 0, Duration.ofSeconds(1),
        ModelServer.DEFAULT_MAX_BODY)) {
      URI predict = URI.create("http://127.0.0.1:" + server.port() + "/v1/models/iris:predict");
      try (KeepAliveConnection good = new KeepAliveConnection(predict, "{\"instances\": [" + ROW + "]}", 5_000);
          KeepAliveConnection bad = new KeepAliveConnection(predict, "{\"instances\": [[1, 2]]}", 5_000)) {
        // Each answer must be read to its last byte, or the next status line would be misread.
        for (int i = 0; i < 50; i++) {
          assertEquals(200, good.post());
          assertEquals(400, bad.post());
        }
        good.close();
        assertEquals(200, good.post(), "a closed connection reconnects");
      }
    }
  }

  @Test
  void aPacedLoadMakesItsCallsOnScheduleAfterAClosedWarmUp() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    LoadGenerator.Result result = LoadGenerator.run(() -> calls.incrementAndGet() > 0, 2, 400,
        Duration.ofMillis(300), Duration.ofMillis(500));
    // 400 calls/s for 0.5 s; the warm-up ran closed loops, far more calls than its paced share.
    assertEquals(200, result.calls(), 2);
    assertEquals(0, result.errors());
    assertTrue(calls.get() > result.calls() + 120, "warm-up calls " + (calls.get() - result.calls()));
    assertTrue(result.p50Ms() < 5, result.line());
  }
}
