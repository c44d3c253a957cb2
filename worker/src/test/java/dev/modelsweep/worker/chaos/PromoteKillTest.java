package dev.modelsweep.worker.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.activities.registry.AliasMove;
import dev.modelsweep.activities.registry.ModelRegistry;
import dev.modelsweep.activities.store.FolderBlobStore;
import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.client.PipelineClient;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.pipeline.PipelineFixtures;
import dev.modelsweep.pipeline.PipelineParser;
import dev.modelsweep.pipeline.PipelineResult;
import dev.modelsweep.worker.EmbeddedTemporal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A promote whose worker process dies in the middle (halted, as SIGKILL would end it: at the
 * fault points of the registry) is retried by Temporal on a fresh worker and leaves exactly one
 * new version and one alias move: dying after the weights but before the card, and after the card
 * but before the alias.
 */
class PromoteKillTest {

  private static final String PIPELINE = """
      {"name": "deliver", "seed": 5, "stages": [
        {"id": "train", "operator": "train", "spec": %s},
        {"id": "promote", "operator": "promote", "models": ["stage:train"], "target": "iris@production"}]}
      """.formatted(PipelineFixtures.IRIS_SPEC);

  @TempDir Path artifacts;
  @TempDir Path registryFolder;

  @Test
  void aKillMidPromoteLeavesExactlyOneNewVersion() throws Exception {
    ModelRegistry registry = new ModelRegistry(new FolderBlobStore(registryFolder));
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(0);
        SweepClient client = SweepClient.connect(ConnectionOptions.newBuilder().setTarget(temporal.target()).build())) {
      PipelineClient pipelines = PipelineClient.of(client.workflowClient());

      promoteThroughACrash(temporal, pipelines, "before-card", "first");
      assertTrue(Files.exists(registryFolder.resolve("iris/versions/000001/model.params")),
          "the crash came after the weights were written");
      assertEquals(1, registry.versions("iris").size(), "exactly one version");
      assertEquals(List.of(1), registry.aliases("iris").history().stream().map(AliasMove::to).toList());

      promoteThroughACrash(temporal, pipelines, "before-alias", "second");
      assertEquals(2, registry.versions("iris").size(), "exactly one new version");
      assertEquals(List.of(1, 2), registry.aliases("iris").history().stream().map(AliasMove::to).toList(),
          "the alias moved once");
      assertEquals(2, registry.resolve("iris@production").version());
      assertEquals("second/promote", registry.resolve("iris@production").promotionKey());
    }
  }

  /** Runs the pipeline on a worker that halts at {@code fault}, then finishes it on a healthy one. */
  private void promoteThroughACrash(EmbeddedTemporal temporal, PipelineClient pipelines, String fault, String id)
      throws Exception {
    List<String> registryOption = List.of("--registry", registryFolder.toString());
    pipelines.start(PipelineParser.parse(PIPELINE), id);
    try (WorkerProcess doomed = WorkerProcess.start(temporal.target(), artifacts, List.of(),
        List.of("-Dmodelsweep.faults.halt=" + fault), registryOption, line -> { })) {
      OptionalInt exit = doomed.awaitExit(Duration.ofMinutes(3));
      assertEquals(OptionalInt.of(137), exit, "the worker halted mid-promote at " + fault);
    }
    try (WorkerProcess healthy = WorkerProcess.start(temporal.target(), artifacts, List.of(), List.of(),
        registryOption, line -> { })) {
      PipelineResult result = pipelines.handle(id).result();
      assertTrue(result.stages().get(1).reason().startsWith("iris@production -> version "), result.toString());
    }
  }
}
