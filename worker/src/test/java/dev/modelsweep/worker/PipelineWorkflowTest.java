package dev.modelsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.activities.store.Digests;
import dev.modelsweep.activities.store.FolderBlobStore;
import dev.modelsweep.client.PipelineClient;
import dev.modelsweep.client.PipelineHandle;
import dev.modelsweep.client.SweepStatus;
import dev.modelsweep.model.ModelReference;
import dev.modelsweep.pipeline.PipelineFixtures;
import dev.modelsweep.pipeline.PipelineParser;
import dev.modelsweep.pipeline.PipelineResult;
import dev.modelsweep.pipeline.PipelineWorkflow;
import dev.modelsweep.pipeline.StageState;
import dev.modelsweep.pipeline.StageStatus;
import dev.modelsweep.spec.Metrics;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pipelines on the in-memory Temporal service with the real workflows and the real DJL activities
 * (iris): stages run in dependency order, independent ones in parallel, models travel as store
 * references, and bad input fails at once.
 */
class PipelineWorkflowTest {

  @RegisterExtension final SweepTestEnvironment env = new SweepTestEnvironment();

  private PipelineClient pipelines() {
    return PipelineClient.of(env.temporal.getWorkflowClient());
  }

  private static Map<String, StageState> byId(PipelineResult result) {
    return result.stages().stream().collect(Collectors.toMap(StageState::id, s -> s));
  }

  @Test
  void sweepAndTrainRunInParallelThenEvaluateMeasuresTheirModels() throws Exception {
    PipelineHandle pipeline = pipelines().start(PipelineParser.parse(PipelineFixtures.VALID), "pipe");
    PipelineResult result = pipeline.result();
    Map<String, StageState> stages = byId(result);
    assertEquals(List.of("search", "base", "test"), result.stages().stream().map(StageState::id).toList());
    assertTrue(result.stages().stream().allMatch(s -> s.status() == StageStatus.COMPLETED), result.toString());

    StageState search = stages.get("search");
    assertEquals(2, search.models().size(), "stage:search#2 asks for two models");
    assertEquals(1, stages.get("base").models().size());
    assertTrue(search.models().get(0).metric(Metrics.VAL_ACCURACY) >= search.models().get(1).metric(Metrics.VAL_ACCURACY),
        "best first");
    for (ModelReference m : search.models()) {
      assertEquals("pipe/search", m.lineage().sweep());
      assertEquals("pipe", m.lineage().pipeline());
      byte[] stored = Files.readAllBytes(env.store().resolve(m.key()));
      assertEquals(m.digest(), Digests.sha256(stored), "the reference's digest is that of the stored weights");
      assertTrue(m.key().equals("models/sha256-" + m.digest() + ".params"), m.key());
      assertFalse(m.toString().contains(env.artifacts.toString()), "a reference holds no local path: " + m);
    }

    StageState test = stages.get("test");
    assertEquals(3, test.models().size(), "two from search and one from base, each measured once");
    for (ModelReference measured : test.models()) {
      ModelReference trained = List.of(search.models(), stages.get("base").models()).stream()
          .flatMap(List::stream).filter(m -> m.key().equals(measured.key())).findFirst().orElseThrow();
      assertEquals(trained.metric(Metrics.TEST_ACCURACY), measured.metric(Metrics.TEST_ACCURACY),
          "the same weights on the same test split");
      assertTrue(measured.metric(Metrics.TEST_ACCURACY) > 0.5, measured.toString());
    }
    assertTrue(test.models().get(0).metric(Metrics.TEST_ACCURACY) >= test.models().get(2).metric(Metrics.TEST_ACCURACY));
    assertEquals(result.stages(), pipeline.stages(), "the query shows what the result holds");

    List<EventType> events = env.temporal.getWorkflowClient().fetchHistory("pipe").getEvents().stream()
        .map(HistoryEvent::getEventType).toList();
    int firstChildDone = events.indexOf(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED);
    assertEquals(2, events.subList(0, firstChildDone).stream()
        .filter(e -> e == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED).count(),
        "search and base start together, before either ends");
    List<String> markers = env.temporal.getWorkflowClient().fetchHistory("pipe").getEvents().stream()
        .filter(HistoryEvent::hasMarkerRecordedEventAttributes)
        .map(e -> e.getMarkerRecordedEventAttributes().getMarkerName()).toList();
    assertEquals(List.of("Version", "LocalActivity"), markers,
        "the document is validated once, in a local activity, and the outcome recorded");
  }

  /**
   * A distill stage whose students search the temperature learns from an ensemble of the
   * teacher stage's top two, and a sweep stage whose spec fine-tunes from the teacher: both train
   * for real, their models name teacher and source in their lineage, and the ensemble's logits are
   * computed once for both students.
   */
  @Test
  void distillAndFinetuneStagesTrainFromAnEarlierStagesModels() throws Exception {
    String json = """
        {"name": "teach", "stages": [
          {"id": "teacher", "operator": "sweep", "spec": {"dataset": "iris",
            "model": {"family": "mlp", "hiddenLayers": [16]}, "training": {"epochs": 15, "batchSize": "full"},
            "optimizer": {"type": "adam", "learningRate": 0.05},
            "search": {"strategy": "grid", "space": {"model.activation": {"type": "choice", "values": ["relu", "tanh"]}}}}},
          {"id": "student", "operator": "distill", "teacher": "stage:teacher#2", "alpha": 0.5,
           "spec": {"dataset": "iris", "model": {"family": "mlp", "hiddenLayers": [4]},
            "training": {"epochs": 15, "batchSize": "full"}, "optimizer": {"type": "adam", "learningRate": 0.05},
            "search": {"strategy": "grid", "space": {"distill.temperature": {"type": "choice", "values": [2, 5]}}}}},
          {"id": "tuned", "operator": "sweep",
           "spec": {"dataset": "iris", "model": {"family": "mlp", "hiddenLayers": [16]},
            "training": {"epochs": 5, "batchSize": "full"}, "optimizer": {"type": "adam", "learningRate": 0.05},
            "finetune": {"source": "stage:teacher", "keepLayers": 1, "freeze": true}}}]}
        """;
    PipelineResult result = pipelines().start(PipelineParser.parse(json), "teach").result();
    Map<String, StageState> stages = byId(result);
    assertTrue(result.stages().stream().allMatch(s -> s.status() == StageStatus.COMPLETED), result.toString());
    ModelReference student = stages.get("student").models().get(0);
    assertTrue(student.lineage().teacher().matches("models/sha256-[0-9a-f]{64}\\.json"), student.toString());
    assertTrue(student.metric(Metrics.VAL_ACCURACY) > 0.5, student.toString());
    ModelReference tuned = stages.get("tuned").models().get(0);
    assertTrue(tuned.lineage().source().matches("models/sha256-[0-9a-f]{64}\\.json"), tuned.toString());
    assertTrue(tuned.lineage().teacher() == null);
    assertEquals(1, new FolderBlobStore(env.store()).list("logits/").size(),
        "one ensemble, one data split: one logits artifact for both students");
  }

  @Test
  void aStageThatCannotRunFailsItsDependentsWhileTheOthersComplete() {
    String json = """
        {"name": "refuse", "stages": [
          {"id": "teacher", "operator": "train", "spec": %s},
          {"id": "student", "operator": "distill", "spec": %s, "teacher": "stage:teacher", "alpha": 0.5},
          {"id": "test", "operator": "evaluate", "models": ["stage:student"]}]}
        """.formatted(PipelineFixtures.IRIS_SPEC, PipelineFixtures.IRIS_SPEC.replace("iris", "wine"));
    PipelineHandle pipeline = pipelines().start(PipelineParser.parse(json), "refuse");
    Map<String, StageState> stages = byId(pipeline.outcome());
    assertEquals(StageStatus.COMPLETED, stages.get("teacher").status());
    assertEquals(1, stages.get("teacher").models().size(), "a completed stage keeps its output");
    assertEquals(StageStatus.FAILED, stages.get("student").status());
    // An iris teacher (4 features, 3 classes) cannot teach a wine student (13 features).
    assertTrue(stages.get("student").reason().contains("distill.teacher: the model "), stages.get("student").reason());
    assertEquals(StageStatus.FAILED, stages.get("test").status());
    assertEquals("not run: stage student failed", stages.get("test").reason());
    SweepStatus status = pipeline.status();
    assertEquals(SweepStatus.State.FAILED, status.state());
    assertTrue(status.failure().startsWith("2 of 3 stages failed: student (sweep "), status.failure());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "CYCLE|$.stages[0]: stages a -> b -> a wait for each other in a cycle",
      "UNKNOWN_STAGE|$.stages[1].models[0]: no stage \"teachr\"; did you mean \"teacher\"?",
      "MISSING_TEACHER|$.stages[1].teacher: required by operator distill",
      "WRONG_TYPE|$.stages[1].temperature: must be a number greater than 0 and at most 100, got \"hot\""})
  void aMalformedPipelineStartedAsRawJsonFailsAtOnceNamingThePath(String fixture, String expected) throws Exception {
    String json = (String) PipelineFixtures.class.getField(fixture).get(null);
    String message = env.failureOf(env.startRaw(PipelineWorkflow.TYPE, json));
    assertTrue(message.startsWith(expected), message);
  }

  @Test
  void rawJsonThatIsNotJsonOrRepeatsAKeyFailsAtOnce() {
    String broken = env.failureOf(env.startRaw(PipelineWorkflow.TYPE, "{\"name\": \"x\", \"stages\": "));
    assertTrue(broken.toLowerCase().contains("json") || broken.contains("Unexpected end"), broken);
    String twice = env.failureOf(env.startRaw(PipelineWorkflow.TYPE,
        "{\"name\": \"x\", \"name\": \"y\", \"stages\": []}"));
    assertTrue(twice.contains("Duplicate field 'name'"), twice);
  }
}
