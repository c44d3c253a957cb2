package dev.modelsweep.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.modelsweep.worker.cli.CliRun.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.worker.EmbeddedTemporal;
import dev.modelsweep.worker.SweepWorker;
import dev.modelsweep.worker.WorkerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import dev.modelsweep.worker.cli.CliRun.Output;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as users run it, on the embedded service with real training. */
class CliTest {

  private static final String SPEC =
      """
      {"name": "iris-cli", "seed": 5, "dataset": "iris",
       "model": {"family": "mlp", "width": 8},
       "training": {"epochs": 25, "batchSize": "full"},
       "optimizer": {"type": "adam", "learningRate": 0.05},
       "search": {"strategy": "random", "trials": 2, "space": {
         "model.width": {"type": "choice", "values": [4, 8, 16]}}}}
      """;

  @TempDir Path dir;

  @Test
  void devRunsASweepAndPrintsTheLeaderboard() throws Exception {
    Path spec = Files.writeString(dir.resolve("iris.json"), SPEC);
    Output out = capture(() -> ModelSweepCli.run(
        "dev", spec.toString(), "--artifacts", dir.resolve("runs").toString(), "--slots", "1"));
    assertEquals(0, out.code(), out.text());
    assertTrue(out.text().contains("rank"), out.text());
    assertTrue(out.text().contains("completed"), out.text());
    String folder = out.text().lines().filter(l -> l.startsWith("results: ")).findFirst().orElseThrow()
        .substring("results: ".length());
    assertTrue(Files.isRegularFile(Path.of(folder, "leaderboard.json")), folder);
  }

  @Test
  void devReadsADataFileNamedRelativeToTheSpecAndItsRerunReadsItAgain() throws Exception {
    Path project = Files.createDirectories(dir.resolve("project"));
    StringBuilder csv = new StringBuilder("a,b,kind\n");
    for (int i = 0; i < 90; i++) {
      int kind = i % 3;
      csv.append(kind + 0.1 * (i % 7)).append(',').append(2 - kind + 0.05 * (i % 5))
          .append(',').append("abc".charAt(kind)).append('\n');
    }
    Files.writeString(project.resolve("points.csv"), csv);
    Path spec = Files.writeString(project.resolve("points.json"), """
        {"name": "points", "seed": 2,
         "dataset": {"path": "points.csv", "format": "csv", "header": true, "label": "kind"},
         "model": {"family": "mlp", "width": 8}, "training": {"epochs": 10, "batchSize": "full"},
         "search": {"strategy": "grid", "space": {"model.width": {"type": "choice", "values": [4, 8]}}}}
        """);
    String runs = dir.resolve("runs").toString();

    // The working directory (the module folder) holds no points.csv: it must come from the spec's.
    Output first = capture(() -> ModelSweepCli.run("dev", spec.toString(), "--artifacts", runs, "--slots", "1"));
    assertEquals(0, first.code(), first.text());
    String folder = first.text().lines().filter(l -> l.startsWith("results: ")).findFirst().orElseThrow()
        .substring("results: ".length());
    JsonNode recorded = new ObjectMapper().readTree(Path.of(folder, "spec.json").toFile());
    assertEquals(project.resolve("points.csv").toAbsolutePath().normalize().toString(),
        recorded.at("/dataset/path").asText(), "the sweep records the file it read");

    Output rerun = capture(() -> ModelSweepCli.run("dev", "--resume", folder, "--slots", "1"));
    assertEquals(0, rerun.code(), rerun.text());
    assertEquals(2, leaderboardLines(first.text()).size(), first.text());
    assertEquals(leaderboardLines(first.text()), leaderboardLines(rerun.text()));
  }

  /** The leaderboard rows without their timing columns, which differ between runs. */
  private static List<String> leaderboardLines(String text) {
    return text.lines().filter(l -> l.matches("\\d+\\s+t\\d{3}\\s.*"))
        .map(l -> Arrays.asList(l.trim().split("\\s+")).subList(0, 5).toString()).toList();
  }

  @Test
  void badSpecExitsWithTheProblemsAndStartsNothing() throws Exception {
    Path spec = Files.writeString(dir.resolve("bad.json"),
        "{\"name\": \"bad\", \"dataset\": \"iris\", \"model\": {\"family\": \"transformer\"}}");
    Output out = capture(() -> ModelSweepCli.run("dev", spec.toString()));
    assertEquals(ModelSweepCli.EXIT_BAD_SPEC, out.code(), out.text());
    assertTrue(out.text().contains("model.family"), out.text());
  }

  @Test
  void startStatusWatchAndResultsAgainstAServerAndAWorker() throws Exception {
    Path spec = Files.writeString(dir.resolve("iris.json"), SPEC);
    try (EmbeddedTemporal server = EmbeddedTemporal.start(0);
        SweepClient client = SweepClient.connect(
            ConnectionOptions.newBuilder().setTarget(server.target()).build());
        SweepWorker worker = SweepWorker.start(client.workflowClient(),
            WorkerConfig.newBuilder().setArtifactRoot(dir.resolve("runs")).setTrainingSlots(1).build())) {
      String target = server.target();
      Output started = capture(() -> ModelSweepCli.run("start", spec.toString(), "--target", target));
      assertEquals(0, started.code(), started.text());
      String[] words = started.text().trim().split("\\s+");
      String id = words[words.length - 1];
      assertTrue(id.startsWith("iris-cli-"), id);

      Output watched = capture(() -> ModelSweepCli.run("watch", id, "--target", target));
      assertEquals(0, watched.code(), watched.text());

      Output status = capture(() -> ModelSweepCli.run("status", id, "--target", target));
      assertTrue(status.stdout().startsWith("completed"), status.text());

      Output results = capture(() -> ModelSweepCli.run("results", id, "--json", "--target", target));
      assertEquals(0, results.code(), results.text());
      JsonNode json = new ObjectMapper().readTree(results.stdout());
      assertEquals(2, json.get("trials").size());
      JsonNode first = json.get("trials").get(0);
      for (String field : new String[] {"id", "params", "status", "metrics"}) {
        assertTrue(first.has(field), field + " missing in " + first);
      }
      assertEquals(first.get("id"), json.get("best").get("id"));
    }
  }

  @Test
  void unreachableTargetSaysHowToFixIt() throws Exception {
    Output out = capture(() -> ModelSweepCli.run("status", "nope", "--target", "127.0.0.1:1"));
    assertEquals(ModelSweepCli.EXIT_UNREACHABLE, out.code(), out.text());
    assertTrue(out.text().contains("modelsweep server"), out.text());

    Path spec = Files.writeString(dir.resolve("iris.json"), SPEC);
    Output start = capture(() -> ModelSweepCli.run("start", spec.toString(), "--target", "127.0.0.1:1"));
    assertEquals(ModelSweepCli.EXIT_UNREACHABLE, start.code(), start.text());
    assertTrue(start.text().contains("cannot reach Temporal"), start.text());
  }

  @Test
  void unknownIdAndAbsentWorkersGetAnswersNotHangs() throws Exception {
    Path spec = Files.writeString(dir.resolve("iris.json"), SPEC);
    try (EmbeddedTemporal server = EmbeddedTemporal.start(0)) {
      String target = server.target();
      Output unknown = capture(() -> ModelSweepCli.run("status", "no-such-sweep", "--target", target));
      assertEquals(ModelSweepCli.EXIT_NOT_FOUND, unknown.code(), unknown.text());
      assertTrue(unknown.text().contains("no such sweep"), unknown.text());

      // Started, but no worker runs: status must say so within seconds.
      Output started = capture(() -> ModelSweepCli.run("start", spec.toString(), "--target", target));
      String[] words = started.text().trim().split("\\s+");
      long begin = System.nanoTime();
      Output status = capture(() -> ModelSweepCli.run("status", words[words.length - 1], "--target", target));
      assertTrue(status.stdout().startsWith("running"), status.text());
      assertTrue(status.text().contains("no worker answered"), status.text());
      assertTrue(System.nanoTime() - begin < 15_000_000_000L, "status hung");
    }
  }
}
