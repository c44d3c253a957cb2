package dev.modelsweep.worker.cli;

import static dev.modelsweep.worker.cli.CliRun.capture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.pipeline.PipelineFixtures;
import dev.modelsweep.worker.EmbeddedTemporal;
import dev.modelsweep.worker.SweepWorker;
import dev.modelsweep.worker.WorkerConfig;
import dev.modelsweep.worker.cli.CliRun.Output;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CLI with pipelines, on the embedded service with real training (iris). */
class PipelineCliTest {

  @TempDir Path dir;

  @Test
  void devRunsAPipelineAndPrintsTheStageTable() throws Exception {
    Path file = Files.writeString(dir.resolve("pipe.json"), PipelineFixtures.VALID);
    Output out = capture(() -> ModelSweepCli.run(
        "dev", file.toString(), "--artifacts", dir.resolve("runs").toString(), "--slots", "2"));
    assertEquals(0, out.code(), out.text());
    assertTrue(out.text().contains("pipeline iris-pipe-"), out.text());
    List<String> rows = out.text().lines().filter(l -> l.matches("(search|base|test)\\s+.*")).toList();
    assertEquals(3, rows.size(), out.text());
    assertTrue(rows.stream().allMatch(r -> r.split("\\s+")[2].equals("completed")), out.text());
    assertTrue(rows.get(0).matches("search\\s+sweep\\s+completed\\s+2\\s+.*models/sha256-\\w+\\.params"), rows.get(0));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "CYCLE|$.stages[0]: stages a -> b -> a",
      "UNKNOWN_STAGE|$.stages[1].models[0]: no stage \"teachr\"",
      "MISSING_TEACHER|$.stages[1].teacher: required by operator distill",
      "WRONG_TYPE|$.stages[1].temperature: must be a number"})
  void aMalformedPipelineExits2FromDevAndStartNamingThePath(String fixture, String expected) throws Exception {
    Path file = Files.writeString(dir.resolve("bad.json"), (String) PipelineFixtures.class.getField(fixture).get(null));
    Output dev = capture(() -> ModelSweepCli.run("dev", file.toString(), "--artifacts", dir.toString()));
    assertEquals(ModelSweepCli.EXIT_BAD_SPEC, dev.code(), dev.text());
    assertTrue(dev.text().contains(expected), dev.text());
    // Validated before connecting: no server is needed to be told.
    Output start = capture(() -> ModelSweepCli.run("start", file.toString(), "--target", "127.0.0.1:1"));
    assertEquals(ModelSweepCli.EXIT_BAD_SPEC, start.code(), start.text());
    assertTrue(start.text().contains(expected), start.text());
  }

  @Test
  @SuppressWarnings("try") // the worker runs for the try's scope, never referenced
  void startStatusWatchAndResultsTellAPipelineByItsWorkflowType() throws Exception {
    Path good = Files.writeString(dir.resolve("pipe.json"), PipelineFixtures.VALID);
    Path refused = Files.writeString(dir.resolve("refused.json"), """
        {"name": "refused", "stages": [
          {"id": "teacher", "operator": "train", "spec": %s},
          {"id": "student", "operator": "distill", "spec": %s, "teacher": "stage:teacher"}]}
        """.formatted(PipelineFixtures.IRIS_SPEC, PipelineFixtures.IRIS_SPEC.replace("iris", "wine")));
    try (EmbeddedTemporal server = EmbeddedTemporal.start(0);
        SweepClient client = SweepClient.connect(ConnectionOptions.newBuilder().setTarget(server.target()).build());
        SweepWorker worker = SweepWorker.start(client.workflowClient(),
            WorkerConfig.newBuilder().setArtifactRoot(dir.resolve("runs")).setTrainingSlots(2).build())) {
      String target = server.target();
      String id = lastWord(capture(() -> ModelSweepCli.run("start", good.toString(), "--target", target)));
      assertTrue(id.startsWith("iris-pipe-"), id);

      Output watched = capture(() -> ModelSweepCli.run("watch", id, "--target", target));
      assertEquals(0, watched.code(), watched.text());
      assertTrue(watched.text().contains("3/3 stages completed") || watched.text().contains("completed"), watched.text());

      Output status = capture(() -> ModelSweepCli.run("status", id, "--target", target));
      assertEquals(0, status.code(), status.text());
      assertTrue(status.stdout().startsWith("completed"), status.text());

      Output results = capture(() -> ModelSweepCli.run("results", id, "--json", "--target", target));
      assertEquals(0, results.code(), results.text());
      JsonNode json = new ObjectMapper().readTree(results.stdout());
      assertEquals("completed", json.get("status").asText());
      assertTrue(json.get("failure").isNull());
      assertEquals(3, json.get("stages").size());
      for (JsonNode stage : json.get("stages")) {
        for (String field : List.of("id", "operator", "status", "metrics", "model")) {
          assertTrue(stage.has(field), field + " missing in " + stage);
        }
        assertTrue(stage.at("/metrics/test_accuracy").asDouble() > 0.5, stage.toString());
        assertTrue(stage.at("/model/key").asText().startsWith("models/sha256-"), stage.toString());
      }

      String refusedId = lastWord(capture(() -> ModelSweepCli.run("start", refused.toString(), "--target", target)));
      Output failed = capture(() -> ModelSweepCli.run("watch", refusedId, "--target", target));
      assertEquals(1, failed.code(), failed.text());
      Output failedJson = capture(() -> ModelSweepCli.run("results", refusedId, "--json", "--target", target));
      assertEquals(1, failedJson.code(), failedJson.text());
      JsonNode f = new ObjectMapper().readTree(failedJson.stdout());
      assertEquals("failed", f.get("status").asText());
      assertTrue(f.get("failure").asText().startsWith("1 of 2 stages failed: student (sweep "), f.toString());
      assertEquals("completed", f.at("/stages/0/status").asText());
      assertEquals("failed", f.at("/stages/1/status").asText());
      assertTrue(f.at("/stages/1/reason").asText().contains("distill.teacher: the model "), f.toString());
    }
  }

  private static String lastWord(Output out) {
    String[] words = out.text().trim().split("\\s+");
    return words[words.length - 1];
  }
}
