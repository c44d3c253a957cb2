package dev.modelsweep.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelsweep.spec.SpecException;
import dev.modelsweep.spec.SpecFixtures;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SpecProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineParserTest {

  private static List<String> problems(String json) {
    SpecException e = assertThrows(SpecException.class, () -> PipelineParser.parse(json));
    return e.problems().stream().map(SpecProblem::toString).toList();
  }

  private static void assertHas(List<String> problems, String expected) {
    assertTrue(problems.contains(expected), "expected\n  " + expected + "\namong\n  " + String.join("\n  ", problems));
  }

  @Test
  void validPipelineBindsWithImpliedDependenciesAndFilledInSpecs() {
    PipelineSpec p = PipelineParser.parse(PipelineFixtures.VALID);
    assertEquals("iris-pipe", p.name());
    assertEquals(List.of("search", "base"), p.stage("test").dependencies());
    assertEquals("search", p.stage("search").spec().name(), "an embedded spec without a name takes the stage id");
    assertEquals(5L, p.stage("base").spec().seed(), "and the pipeline's seed");
    assertEquals(new StageReference("search", 2), p.stage("test").references().get("models[0]"));
    assertEquals(p, PipelineParser.parse(PipelineParser.toJson(p)), "the JSON form parses back to the same pipeline");
  }

  @Test
  void everySamplePipelineIsValid() throws IOException {
    try (java.util.stream.Stream<java.nio.file.Path> files =
        Files.list(SpecFixtures.repoRoot().resolve("samples/pipelines"))) {
      List<java.nio.file.Path> samples = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
      assertTrue(!samples.isEmpty(), "no sample pipelines");
      for (java.nio.file.Path f : samples) {
        PipelineSpec p = PipelineParser.parse(Files.readString(f));
        assertEquals(f.getFileName().toString(), p.name() + ".json", "a sample is named after its file");
      }
    }
  }

  @Test
  void aCycleIsReportedOnceAtItsFirstStage() {
    List<String> found = problems(PipelineFixtures.CYCLE);
    assertEquals(List.of("$.stages[0]: stages a -> b -> a wait for each other in a cycle (-> reads \"depends on\");"
        + " remove one of these dependencies"), found);
  }

  @Test
  void anUnknownStageIsNamedWithAHint() {
    assertEquals(List.of("$.stages[1].models[0]: no stage \"teachr\"; did you mean \"teacher\"? Stages: teacher, test"),
        problems(PipelineFixtures.UNKNOWN_STAGE));
  }

  @Test
  void distillWithoutATeacherSaysWhatToGive() {
    assertEquals(List.of("$.stages[1].teacher: required by operator distill; give a model reference \"stage:ID\""
        + " (or \"stage:ID#K\", an ensemble of the top K) of a stage that trains models"),
        problems(PipelineFixtures.MISSING_TEACHER));
  }

  @Test
  void aValueOfTheWrongTypeIsAStructuralProblem() {
    assertEquals(List.of("$.stages[1].temperature: must be a number greater than 0 and at most 100, got \"hot\""),
        problems(PipelineFixtures.WRONG_TYPE));
  }

  @Test
  void aReferenceToAnEvaluateStageIsTheWrongKindOfInput() {
    List<String> found = problems("""
        {"name": "kind", "stages": [
          {"id": "t", "operator": "train", "spec": %s},
          {"id": "e", "operator": "evaluate", "models": ["stage:t"]},
          {"id": "s", "operator": "distill", "spec": %s, "teacher": "stage:e"}]}
        """.formatted(PipelineFixtures.IRIS_SPEC, PipelineFixtures.IRIS_SPEC));
    assertEquals(List.of("$.stages[2].teacher: stage e (operator evaluate) measures models and trains none;"
        + " refer to the stage that trained them"), found);
  }

  @Test
  void everyProblemOfADocumentIsListedAtOnce() {
    List<String> found = problems("""
        {"name": "many", "stages": [
          {"id": "a", "operator": "sweep", "spec": {"dataset": "iris", "model": {"family": "mlp", "widht": 8}},
           "temperature": 2},
          {"id": "a", "operator": "train", "spec": {"dataset": "iris", "model": {"family": "mlp"},
           "search": {"trials": 2}}},
          {"id": "b", "operator": "evaluate", "models": ["stage:a"], "dependsOn": ["b", "zzz"]},
          {"id": "c", "operator": "finetune", "spec": {"dataset": "iris", "model": {"family": "mlp"}}}]}
        """);
    assertHas(found, "$.stages[0].temperature: not a field of operator sweep; sweep takes spec");
    assertHas(found, "$.stages[0].spec.model.widht: unknown field; did you mean \"width\"? Fields allowed here:"
        + " family, hiddenLayers, depth, width, activation, dropout, batchNorm, convBlocks, channels, kernel,"
        + " pooling, dense");
    assertHas(found, "$.stages[1].spec.search: train trains one configuration and takes no search; remove"
        + " search, or make the stage a sweep");
    assertHas(found, "$.stages[1].id: duplicate stage id \"a\" (also $.stages[0].id); give each stage its own id");
    assertHas(found, "$.stages[2].dependsOn[0]: stage b cannot depend on itself; remove this reference");
    assertHas(found, "$.stages[2].dependsOn[1]: no stage \"zzz\"; stages: a, b, c");
    assertHas(found, "$.stages[3].source: required by operator finetune; give a model reference \"stage:ID\" of a"
        + " stage that trains models");
    assertEquals(7, found.size(), String.join("\n", found));
  }

  @Test
  void anUnknownOperatorListsTheOperators() {
    List<String> found = problems("{\"name\": \"op\", \"stages\": [{\"id\": \"a\", \"operator\": \"prune\"}]}");
    assertEquals(List.of("$.stages[0].operator: must be one of \"sweep\", \"train\", \"evaluate\", \"finetune\","
        + " \"distill\", \"gate\", \"promote\", got \"prune\""), found);
  }

  @Test
  void gateAndPromoteTakeAnEvaluationButNothingTrainsFromThem() {
    String stages = """
        {"name": "deliver", "stages": [
          {"id": "train", "operator": "train", "spec": %s},
          {"id": "test", "operator": "evaluate", "models": ["stage:train"]},
          {"id": "gate", "operator": "gate", "models": ["stage:test"], "target": "iris@production", "margin": 0.01},
          {"id": "promote", "operator": "promote", "models": ["stage:gate"], "target": "iris@production"%s}%s]}
        """;
    PipelineSpec ok = PipelineParser.parse(stages.formatted(PipelineFixtures.IRIS_SPEC, "", ""));
    assertEquals(List.of("gate"), ok.stages().get(3).dependencies());
    List<String> found = problems(stages.formatted(PipelineFixtures.IRIS_SPEC, ", \"margin\": 0.1",
        ", {\"id\": \"student\", \"operator\": \"distill\", \"teacher\": \"stage:gate\", \"spec\": "
            + PipelineFixtures.IRIS_SPEC + "}"));
    assertEquals(List.of(
        "$.stages[3].margin: not a field of operator promote; promote takes models, target",
        "$.stages[4].teacher: stage gate (operator gate) measures models and trains none; refer to the stage that"
            + " trained them"), found);
    List<String> badTarget = problems(stages.formatted(PipelineFixtures.IRIS_SPEC, "", "").replace(
        "\"target\": \"iris@production\", \"margin\"", "\"target\": \"iris\", \"margin\""));
    assertEquals(1, badTarget.size());
    assertTrue(badTarget.get(0).startsWith("$.stages[2].target: "), badTarget.get(0));
  }

  @Test
  void malformedJsonIsOneProblemWithItsPlace() {
    List<String> found = problems("{\"name\": \"x\", \"stages\": [");
    assertEquals(1, found.size());
    assertTrue(found.get(0).startsWith("$: malformed JSON at line 1"), found.get(0));
  }

  @Test
  void aPipelineIsToldFromASweepSpecByItsStages() {
    assertTrue(PipelineParser.isPipeline(SpecParser.readTree(PipelineFixtures.VALID)));
    assertTrue(!PipelineParser.isPipeline(SpecParser.readTree("{\"name\": \"s\", \"dataset\": \"iris\"}")));
  }

  @Test
  void theSchemaNamesExactlyTheRegisteredOperators() {
    List<String> inSchema = new ArrayList<>();
    schema().at("/$defs/stage/properties/operator/enum").forEach(n -> inSchema.add(n.asText()));
    assertEquals(Operators.names(), inSchema.stream().sorted().toList());
    for (String name : Operators.names()) {
      Operator op = Operators.find(name).orElseThrow();
      for (String field : op.form().fields()) {
        assertTrue(schema().at("/$defs/stage/properties").has(field), name + "." + field + " is not in the schema");
      }
    }
  }

  @Test
  void publishedSchemaIsTheResource() throws IOException {
    byte[] published = Files.readAllBytes(SpecFixtures.repoRoot().resolve("docs/pipeline.schema.json"));
    try (InputStream in = PipelineParser.class.getResourceAsStream(PipelineParser.RESOURCE)) {
      assertNotNull(in);
      assertArrayEquals(in.readAllBytes(), published,
          "docs/pipeline.schema.json must be a copy of the classpath resource " + PipelineParser.RESOURCE);
    }
  }

  private static JsonNode schema() {
    try (InputStream in = PipelineParser.class.getResourceAsStream(PipelineParser.RESOURCE)) {
      return SpecParser.readTree(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
