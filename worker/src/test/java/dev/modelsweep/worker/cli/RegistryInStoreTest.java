package dev.modelsweep.worker.cli;

import static dev.modelsweep.worker.cli.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelsweep.activities.registry.AliasMove;
import dev.modelsweep.activities.registry.ModelCard;
import dev.modelsweep.activities.registry.ModelRegistry;
import dev.modelsweep.activities.store.s3.S3Location;
import dev.modelsweep.activities.store.s3.S3Proxy;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.worker.RegistryLocation;
import dev.modelsweep.worker.WorkerConfig;
import dev.modelsweep.worker.bench.ServeBenchmark;
import dev.modelsweep.worker.serve.ModelServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model registry in the artifact store (a real s3proxy): a worker with {@code --store}
 * promotes into {@code s3://BUCKET/PREFIX/registry}, and {@code models} and {@code serve} on
 * another machine, given {@code --registry s3://...} and the AWS environment, see that version and
 * alias; nothing lands in a local folder.
 */
class RegistryInStoreTest {

  private static final String IRIS = """
      {"name": "registry-s3", "seed": 1, "dataset": "iris",
       "model": {"family": "mlp", "hiddenLayers": [8]}, "training": {"epochs": 30, "batchSize": "full"},
       "optimizer": {"type": "adam", "learningRate": 0.05}}
      """;

  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aPromotionInTheStoreIsSeenByAnotherMachine() throws Exception {
    try (S3Proxy proxy = S3Proxy.start(Files.createDirectories(dir.resolve("s3")))) {
      proxy.createBucket("team");
      // The promoting worker: --store and no --registry.
      WorkerConfig config = WorkerConfig.newBuilder().setStore("s3://team/sweeps")
          .setArtifactRoot(dir.resolve("runs")).setTrainingSlots(1).build();
      assertEquals("s3://team/sweeps/registry/", config.registry().toString());
      // What SweepWorker.registry(config) opens, with the test server's credentials in place of the environment's.
      ModelRegistry promoting = config.registry().open(proxy.connection());
      AliasMove move = ServeBenchmark.trainAndRegister(dir.resolve("scratch"), promoting,
          SpecParser.parse(IRIS), "iris", "production", "pipe-1/promote");
      assertEquals(1, move.to());
      assertFalse(Files.exists(dir.resolve("registry")), "nothing in the folder next to the artifact root");
      assertTrue(Files.isRegularFile(dir.resolve("s3/data/team/sweeps/registry/iris/versions/000001/card.json")),
          "the version is in the store, under the store's folder registry");

      // Another machine: the CLI in a JVM of its own, with only the AWS environment and --registry.
      String location = "s3://team/sweeps/registry";
      Process list = otherMachine(proxy, "models", "list", "--json", "--registry", location);
      JsonNode models = json.readTree(output(list));
      assertEquals(1, models.size(), models.toString());
      assertEquals("iris", models.get(0).get("name").asText());
      assertEquals(1, models.get(0).get("latest").asInt());
      assertEquals(1, models.get(0).get("aliases").get("production").asInt(), models.toString());

      // ... which can move an alias there, and the promoting worker sees the move.
      Process alias = otherMachine(proxy, "models", "alias", "iris", "1", "staging", "--json", "--registry", location);
      assertEquals(1, json.readTree(output(alias)).get("to").asInt());
      assertEquals(1, promoting.aliases("iris").current().get("staging"));

      // A second registry object from the same s3:// location (as serve opens it) serves the promoted version.
      ModelRegistry reading = RegistryLocation.parse(location, "--registry").open(proxy.connection());
      ModelCard card = reading.resolve("iris@production");
      assertEquals(1, card.version());
      assertEquals("pipe-1/promote", card.promotionKey());
      assertArrayEquals(promoting.weights(promoting.resolve("iris@production")), reading.weights(card));
      try (ModelServer server = ModelServer.start(reading, "iris@production", "127.0.0.1", 0,
          ModelServer.DEFAULT_POLL, ModelServer.DEFAULT_MAX_BODY)) {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/v1/models/iris:predict"))
            .POST(HttpRequest.BodyPublishers.ofString("{\"instances\": [[5.1, 3.5, 1.4, 0.2]]}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("1", answer.headers().firstValue(ModelServer.VERSION_HEADER).orElseThrow());
      }
    }
  }

  @Test
  void aMalformedRegistryUriIsAUsageErrorNamingTheOption() throws Exception {
    CliRun.Output bucket = cli("models", "list", "--registry", "s3://Bad_Bucket/models");
    assertEquals(2, bucket.code(), bucket.text());
    assertTrue(bucket.text().startsWith("--registry: 'Bad_Bucket' is not a bucket name; use 3-63 lower-case"),
        bucket.text());
    assertNull(bucket.leak(), bucket.text());

    CliRun.Output scheme = cli("serve", "iris@production", "--registry", "S3://team/registry");
    assertEquals(2, scheme.code(), scheme.text());
    assertTrue(scheme.text().startsWith("--registry: 'S3://team/registry' is neither a folder nor an S3 URI; give"
        + " a folder or s3://bucket/prefix"), scheme.text());

    CliRun.Output dots = cli("models", "show", "iris", "--registry", "s3://team/../registry");
    assertEquals(2, dots.code(), dots.text());
    assertTrue(dots.text().startsWith("--registry: the prefix of 's3://team/../registry' has a segment '..'"),
        dots.text());
  }

  @Test
  void locationsParseToAFolderOrAnS3Prefix() {
    assertEquals(new S3Location("team", "sweeps/registry/"),
        RegistryLocation.parse("s3://team/sweeps/registry", "--registry").s3());
    assertEquals(Path.of("reg").toAbsolutePath(), RegistryLocation.parse("reg", "--registry").folder());
    assertEquals(new S3Location("team", "registry/"), RegistryLocation.inStore("s3://team").s3());
    assertEquals("s3://team/a/registry/", RegistryLocation.inStore("s3://team/a/").toString());
  }

  /** Runs the CLI in a JVM of its own with the AWS environment of {@code proxy}, as on another machine. */
  private Process otherMachine(S3Proxy proxy, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ModelSweepCli.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(dir.resolve("cli.err").toFile())
        .directory(Files.createDirectories(dir.resolve("elsewhere")).toFile());
    builder.environment().remove("MODELSWEEP_REGISTRY");
    builder.environment().putAll(proxy.environment());
    return builder.start();
  }

  /** The process's stdout once it exits 0. */
  private String output(Process process) throws Exception {
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the CLI exits");
    assertEquals(0, process.exitValue(), out + Files.readString(dir.resolve("cli.err")));
    return out;
  }
}
