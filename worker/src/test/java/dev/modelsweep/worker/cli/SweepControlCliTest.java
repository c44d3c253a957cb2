package dev.modelsweep.worker.cli;

import static dev.modelsweep.worker.cli.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.client.SweepHandle;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.worker.EmbeddedTemporal;
import dev.modelsweep.worker.SweepWorker;
import dev.modelsweep.worker.WorkerConfig;
import dev.modelsweep.worker.cli.CliRun.Output;
import dev.modelsweep.workflow.SweepProgress;
import dev.modelsweep.workflow.SweepResult;
import dev.modelsweep.workflow.SweepSearchAttributes;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.common.SearchAttributes;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code list}, {@code pause}, {@code resume}, {@code stop} and {@code cancel} as users run them,
 * against the embedded service (which has no visibility queries: {@code list} reads its open and
 * closed listings) and a worker with real training; and the search attributes and summary a sweep
 * sets, read back from the service.
 */
class SweepControlCliTest {

  private static final String SPEC =
      """
      {"name": "%s", "seed": 5, "dataset": "iris",
       "model": {"family": "mlp", "width": 8},
       "training": {"epochs": %d, "batchSize": 16},
       "optimizer": {"type": "adam", "learningRate": 0.05},
       "search": {"strategy": "random", "trials": %d, "space": {
         "model.width": {"type": "choice", "values": [4, 8, 16]}}}}
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void listPauseResumeStopAndCancelFromTheCli() throws Exception {
    try (EmbeddedTemporal server = EmbeddedTemporal.start(0);
        SweepClient client = SweepClient.connect(ConnectionOptions.newBuilder().setTarget(server.target()).build());
        SweepWorker worker = SweepWorker.start(client.workflowClient(),
            WorkerConfig.newBuilder().setArtifactRoot(dir.resolve("runs")).setTrainingSlots(1).build())) {
      String target = server.target();
      SweepResult small = client.start(SpecParser.parse(SPEC.formatted("small", 5, 2))).result();
      SweepHandle big = client.start(SpecParser.parse(SPEC.formatted("big", 40, 30)));

      Output paused = cli("pause", big.id(), "--target", target);
      assertEquals(0, paused.code(), paused.text());
      assertEquals(big.id() + ": paused", paused.text().trim());
      Output status = cli("status", big.id(), "--target", target);
      assertTrue(status.stdout().startsWith("paused"), status.text());

      // Paused: the running trial finishes, no other starts.
      waitFor(() -> big.progress().running().isEmpty());
      int started = big.progress().started();
      Thread.sleep(1500);
      assertEquals(started, big.progress().started(), "a paused sweep started a trial");
      assertEquals(SweepProgress.State.PAUSED, big.progress().state());

      Output listed = cli("list", "--json", "--target", target);
      assertEquals(0, listed.code(), listed.text());
      JsonNode sweeps = JSON.readTree(listed.stdout());
      JsonNode smallRow = row(sweeps, small.sweepId());
      assertEquals("completed", smallRow.get("state").asText(), listed.text());
      assertEquals("completed", smallRow.get("status").asText());
      assertEquals("small", smallRow.get("name").asText());
      assertEquals("random", smallRow.get("strategy").asText());
      assertEquals("val_accuracy", smallRow.get("metric").asText());
      assertEquals(2, smallRow.get("trialsDone").asInt());
      assertEquals(small.trials().get(0).metric("val_accuracy"), smallRow.get("best").asDouble(), 1e-12);
      JsonNode bigRow = row(sweeps, big.id());
      assertEquals("paused", bigRow.get("state").asText(), listed.text());
      assertEquals("running", bigRow.get("status").asText());
      assertTrue(bigRow.get("closed").isNull());
      Output table = cli("list", "--target", target);
      assertTrue(table.text().lines().anyMatch(l -> l.startsWith(big.id()) && l.contains("paused")), table.text());

      Output resumed = cli("resume", big.id(), "--target", target);
      assertEquals(big.id() + ": running", resumed.text().trim(), resumed.text());
      waitFor(() -> big.progress().started() > started);

      Output stopped = cli("stop", big.id(), "--target", target);
      assertEquals(0, stopped.code(), stopped.text());
      assertTrue(stopped.text().trim().endsWith("stopping") || stopped.text().trim().endsWith("done"), stopped.text());
      SweepResult result = big.result();
      assertTrue(result.stopped());
      assertTrue(result.trials().size() < 30, "stopped with " + result.trials().size() + " trials");

      Output refused = cli("pause", big.id(), "--target", target);
      assertEquals(ModelSweepCli.EXIT_REFUSED, refused.code(), refused.text());
      assertTrue(refused.text().contains("refused pause: the sweep is completed"), refused.text());
      assertEquals("stopped", attributes(client, big.id()).get(SweepSearchAttributes.STATE));

      SweepHandle doomed = client.start(SpecParser.parse(SPEC.formatted("doomed", 40, 30)));
      waitFor(() -> !doomed.progress().running().isEmpty());
      Output canceled = cli("cancel", doomed.id(), "--target", target);
      assertEquals(0, canceled.code(), canceled.text());
      waitFor(() -> !doomed.status().running());
      Output canceledStatus = cli("status", doomed.id(), "--target", target);
      // stdout: the worker in this JVM may log the canceled trial's last report to stderr meanwhile.
      assertTrue(canceledStatus.stdout().startsWith("canceled"), canceledStatus.text());
    }
  }

  @Test
  void budgetChangesTheEpochBudgetAsAnUpdateAndRefusesWhatCannotHold() throws Exception {
    try (EmbeddedTemporal server = EmbeddedTemporal.start(0);
        SweepClient client = SweepClient.connect(ConnectionOptions.newBuilder().setTarget(server.target()).build());
        SweepWorker worker = SweepWorker.start(client.workflowClient(),
            WorkerConfig.newBuilder().setArtifactRoot(dir.resolve("runs")).setTrainingSlots(1).build())) {
      String target = server.target();
      // Six trials of 5 epochs, but a budget of 10: two trials, unless the budget is raised.
      SweepHandle sweep = client.start(SpecParser.parse(SPEC.formatted("budget", 5, 6)
          .replace("\"strategy\": \"random\"", "\"strategy\": \"random\", \"epochBudget\": 10")));
      sweep.pause();
      waitFor(() -> sweep.progress().planned() > 0);

      Output zero = cli("budget", sweep.id(), "0", "--target", target);
      assertEquals(ModelSweepCli.EXIT_REFUSED, zero.code(), zero.text());
      assertTrue(zero.text().contains("search.epochBudget: 0 must be at least 1"), zero.text());

      Output raised = cli("budget", sweep.id(), "20", "--target", target);
      assertEquals(0, raised.code(), raised.text());
      assertEquals(sweep.id() + ": epoch budget 20 (0 trained)", raised.text().trim());
      sweep.resume();
      SweepResult result = sweep.result();
      assertEquals(20, result.epochsTrained());
      assertEquals(4, result.trials().size(), "four trials of 5 epochs fit a budget of 20");

      Output late = cli("budget", sweep.id(), "40", "--target", target);
      assertEquals(ModelSweepCli.EXIT_REFUSED, late.code(), late.text());
      assertTrue(late.text().contains("the sweep is completed"), late.text());
    }
  }

  @Test
  void aSweepPublishesItsSearchAttributesAndSummary() throws Exception {
    try (EmbeddedTemporal server = EmbeddedTemporal.start(0);
        SweepClient client = SweepClient.connect(ConnectionOptions.newBuilder().setTarget(server.target()).build());
        SweepWorker worker = SweepWorker.start(client.workflowClient(),
            WorkerConfig.newBuilder().setArtifactRoot(dir.resolve("runs")).setTrainingSlots(1).build())) {
      SweepResult result = client.start(SpecParser.parse(SPEC.formatted("attributes", 5, 3))).result();

      WorkflowExecutionDescription description =
          client.workflowClient().newUntypedWorkflowStub(result.sweepId()).describe();
      SearchAttributes attributes = description.getTypedSearchAttributes();
      assertEquals("completed", attributes.get(SweepSearchAttributes.STATE));
      assertEquals("attributes", attributes.get(SweepSearchAttributes.SPEC_NAME));
      assertEquals("random", attributes.get(SweepSearchAttributes.STRATEGY));
      assertEquals("val_accuracy", attributes.get(SweepSearchAttributes.METRIC));
      assertEquals(3L, attributes.get(SweepSearchAttributes.TRIALS_DONE));
      assertNotNull(attributes.get(SweepSearchAttributes.BEST_METRIC));
      assertEquals(result.trials().get(0).metric("val_accuracy"), attributes.get(SweepSearchAttributes.BEST_METRIC));
      assertEquals("attributes: random search, val_accuracy (maximize)", description.getStaticSummary());
      assertTrue(description.getStaticDetails().contains("- searched: model.width"), description.getStaticDetails());
    }
  }

  @Test
  void startWatchAndStatusSpeakJson() throws Exception {
    Path spec = java.nio.file.Files.writeString(dir.resolve("json.json"), SPEC.formatted("json", 5, 2));
    try (EmbeddedTemporal server = EmbeddedTemporal.start(0);
        SweepClient client = SweepClient.connect(ConnectionOptions.newBuilder().setTarget(server.target()).build());
        SweepWorker worker = SweepWorker.start(client.workflowClient(),
            WorkerConfig.newBuilder().setArtifactRoot(dir.resolve("runs")).setTrainingSlots(1).build())) {
      String target = server.target();
      Output started = cli("start", spec.toString(), "--json", "--target", target);
      JsonNode start = JSON.readTree(started.stdout());
      assertEquals("sweep", start.get("kind").asText(), started.text());
      String id = start.get("id").asText();

      Output watched = cli("watch", id, "--json", "--target", target);
      assertEquals(0, watched.code(), watched.text());
      // Progress goes to stderr, which CliRun captures too: the document is the last part.
      JsonNode results = JSON.readTree(watched.stdout().substring(watched.stdout().indexOf("{\n")));
      assertEquals(2, results.get("trials").size(), watched.text());
      assertEquals("completed", results.get("status").asText());

      Output report = cli("report", id, "-o", dir.resolve("report.html").toString(),
          "--artifacts", dir.resolve("runs").toString(), "--target", target);
      assertEquals(0, report.code(), report.text());
      assertEquals(dir.resolve("report.html").toAbsolutePath().toString(), report.text().trim());
      String html = java.nio.file.Files.readString(dir.resolve("report.html"));
      assertTrue(html.contains("window.MODELSWEEP_REPORT = {\"id\":\"" + id + "\""), "the view is inlined");
      assertTrue(html.contains("\"curves\":{\"t0"), "with the trials' curves");

      JsonNode status = JSON.readTree(cli("status", id, "--json", "--target", target).stdout());
      assertEquals(id, status.get("id").asText());
      assertEquals("completed", status.get("status").asText());
      assertTrue(status.get("progress").isNull());
    }
  }

  @Test
  void progressLineNamesTheMetricAndShowsElapsedAndEta() {
    SweepProgress progress = new SweepProgress(SweepProgress.State.RUNNING, 10, 3, 2, 0, java.util.List.of("t002"),
        new dev.modelsweep.trial.TrialResult("t001", 1, java.util.Map.of(), dev.modelsweep.trial.TrialResult.Status.COMPLETED,
            java.util.Map.of("val_loss", 0.25), null, null), "val_loss");
    String line = SweepPrinter.progressLine(progress) + SweepPrinter.timing(progress, java.time.Duration.ofSeconds(65));
    assertTrue(line.contains("best t001 val_loss 0.2500"), line);
    // 2 of 10 trials in 65 s: 8 more take 260 s.
    assertTrue(line.endsWith("elapsed 1m05s  eta 4m20s"), line);
    assertEquals(39, Watcher.fit(line, 40).length());
    assertEquals(line, Watcher.fit(line, 0));
  }

  private static SearchAttributes attributes(SweepClient client, String id) {
    return client.workflowClient().newUntypedWorkflowStub(id).describe().getTypedSearchAttributes();
  }

  private static JsonNode row(JsonNode sweeps, String id) {
    for (JsonNode sweep : sweeps) {
      if (sweep.get("id").asText().equals(id)) {
        return sweep;
      }
    }
    throw new AssertionError(id + " not listed: " + sweeps);
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after 60 s");
      }
      Thread.sleep(100);
    }
  }
}
