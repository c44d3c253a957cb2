package dev.modelsweep.spec;

import static dev.modelsweep.spec.SpecFixtures.json;
import static dev.modelsweep.spec.SpecFixtures.minimal;
import static dev.modelsweep.spec.SpecFixtures.parse;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The schema as published, the samples, and binding in both directions. */
class SpecDocumentTest {

  /** Every field set, so that binding and serialising each one is exercised. */
  static final String FULL = """
      {'name': 'full.spec_1', 'seed': 42,
       'dataset': {'path': 'data/x.csv.gz', 'format': 'csv', 'label': 'class', 'header': true, 'shape': [1, 4, 4],
                   'limit': 500, 'validationFraction': 0.2, 'testFraction': 0.1, 'normalize': 'minmax'},
       'model': {'family': 'cnn', 'activation': 'elu', 'dropout': 0.25, 'batchNorm': true, 'convBlocks': 2,
                 'channels': 8, 'kernel': 5, 'pooling': 'avg', 'dense': [32, 16]},
       'training': {'epochs': 12, 'batchSize': 'full', 'checkpointEvery': 3},
       'optimizer': {'type': 'adamw', 'learningRate': 0.002, 'beta1': 0.85, 'beta2': 0.99, 'epsilon': 1e-7,
                     'weightDecay': 0.05, 'schedule': {'type': 'warmup_cosine', 'warmupEpochs': 2, 'minLearningRate': 1e-5}},
       'search': {'strategy': 'random', 'trials': 6, 'maxConcurrent': 2, 'space': {
          'optimizer.learningRate': {'type': 'float', 'min': 1e-4, 'max': 1e-2, 'log': true},
          'model.dense': {'type': 'choice', 'values': [[32], [64, 32], null]},
          'optimizer.type': {'type': 'choice', 'values': ['adam', 'adamw']},
          'optimizer.weightDecay': {'type': 'float', 'values': [0.0, 0.01], 'when': {'optimizer.type': ['adamw']}},
          'model.channels': {'type': 'int', 'min': 4, 'max': 16, 'step': 4}}},
       'objective': {'metric': 'val_loss', 'direction': 'minimize', 'maxParams': 100000, 'maxSizeBytes': 400000,
                     'maxLatencyMs': 2.5}}""";

  private static List<Path> samples() throws IOException {
    try (Stream<Path> files = Files.list(SpecFixtures.repoRoot().resolve("samples/sweeps"))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  @Test
  void everySampleParsesAndRoundTrips() throws IOException {
    List<Path> samples = samples();
    assertTrue(samples.size() >= 3, "samples: " + samples);
    for (Path sample : samples) {
      SweepSpec spec = SpecParser.parse(Files.readString(sample));
      assertEquals(spec, SpecParser.parse(SpecParser.toJson(spec)), sample.toString());
    }
  }

  @Test
  void samplesAreTheOnesDescribed() throws IOException {
    Path dir = SpecFixtures.repoRoot().resolve("samples/sweeps");
    SweepSpec random = SpecParser.parse(Files.readString(dir.resolve("digits-random.json")));
    assertEquals(7L, random.seed());
    assertEquals(10, random.search().trials());
    assertEquals(List.of("model.depth", "model.width", "model.activation", "model.dropout", "optimizer.type",
        "optimizer.learningRate", "optimizer.momentum"), List.copyOf(random.search().space().keySet()));
    SweepSpec grid = SpecParser.parse(Files.readString(dir.resolve("iris-grid.json")));
    assertEquals(BatchSize.FULL, grid.training().batchSize());
    assertEquals(8, SearchSpace.of(grid.search()).gridSize().intValueExact());
    SweepSpec cnn = SpecParser.parse(Files.readString(dir.resolve("digits-cnn.json")));
    assertEquals(ModelSpec.Family.CNN, cnn.model().family());
    assertEquals(4, cnn.search().trials());
  }

  @Test
  void fullSpecRoundTripsThroughJson() {
    SweepSpec spec = parse(json(FULL));
    JsonNode tree = SpecParser.toJson(spec);
    assertEquals(spec, SpecParser.parse(tree));
    assertEquals(spec, SpecParser.parse(tree.toString()));
    // Numbers may change form (an int parameter's min of 4 reads back as 4.0) but not value.
    assertTrue(ParamValues.same(json(FULL), tree), "serialises to what was written, no defaults or derived fields: " + tree);
  }

  @Test
  void shorthandsBindAndSerialise() {
    ObjectNode doc = minimal();
    doc.set("training", json("{'batchSize': 16}"));
    SweepSpec spec = parse(doc);
    assertEquals(DatasetSpec.builtin("digits"), spec.dataset());
    assertEquals(BatchSize.of(16), spec.training().batchSize());
    JsonNode tree = SpecParser.toJson(spec);
    assertEquals(json("{'name': 'digits'}"), tree.get("dataset"));
    assertEquals(16, tree.at("/training/batchSize").intValue());
    SweepSpec full = parse(json(FULL));
    assertEquals(BatchSize.FULL, full.training().batchSize());
    assertEquals("class", full.dataset().label().header());
    assertEquals("full", SpecParser.toJson(full).at("/training/batchSize").asText());
  }

  @Test
  void derivedAccessorsAreNotJsonFields() {
    JsonNode tree = SpecParser.toJson(parse(json(FULL)));
    assertFalse(tree.get("dataset").has("builtin"));
    assertFalse(tree.at("/search/space/model.dense").has("log"), "an unset log stays unset");
    assertTrue(tree.at("/search/space/optimizer.learningRate/log").asBoolean());
  }

  @Test
  void publishedSchemaIsTheResource() throws IOException {
    byte[] published = Files.readAllBytes(SpecFixtures.repoRoot().resolve("docs/sweep-spec.schema.json"));
    try (InputStream in = SpecSchema.class.getResourceAsStream(SpecSchema.RESOURCE)) {
      assertNotNull(in);
      assertArrayEquals(in.readAllBytes(), published,
          "docs/sweep-spec.schema.json must be a copy of the classpath resource " + SpecSchema.RESOURCE);
    }
  }

  @Test
  void schemaNamesItselfAndDescribesEveryField() {
    JsonNode root = SpecSchema.root();
    assertEquals("https://json-schema.org/draft/2020-12/schema", root.get("$schema").asText());
    assertTrue(root.get("$id").asText().endsWith("sweep-spec.schema.json"));
    assertTrue(root.has("title"));
    List<String> undocumented = new ArrayList<>();
    collectUndocumented("$", root, undocumented);
    assertEquals(List.of(), undocumented);
    for (String path : SpecSchema.settablePaths()) {
      assertTrue(SpecSchema.settableField(path).has("description"), path);
    }
  }

  private static void collectUndocumented(String at, JsonNode schema, List<String> out) {
    JsonNode resolved = SpecSchema.resolve(schema);
    JsonNode props = resolved.has("properties") ? resolved.get("properties") : resolved.path("else").path("properties");
    props.fields().forEachRemaining(e -> {
      JsonNode field = SpecSchema.resolve(e.getValue());
      if (!field.has("description")) {
        out.add(at + "." + e.getKey());
      }
      collectUndocumented(at + "." + e.getKey(), field, out);
    });
    JsonNode extra = resolved.get("additionalProperties");
    if (extra != null && extra.isObject()) {
      collectUndocumented(at + "[*]", extra, out);
    }
  }

  @Test
  void schemaListsExactlyTheRankableMetrics() {
    List<String> listed = new ArrayList<>();
    SpecSchema.root().at("/$defs/objective/properties/metric/enum").forEach(n -> listed.add(n.asText()));
    assertEquals(Metrics.OBJECTIVES, listed, "keep the schema's metric enum in step with Metrics.OBJECTIVES");
  }

  @Test
  void schemaEnumsMatchTheRecords() {
    assertEquals(names(ModelSpec.Family.values()), enumAt("/$defs/model/properties/family/enum"));
    assertEquals(names(ModelSpec.Activation.values()), enumAt("/$defs/model/properties/activation/enum"));
    assertEquals(names(ModelSpec.Pooling.values()), enumAt("/$defs/model/properties/pooling/enum"));
    assertEquals(names(OptimizerSpec.Type.values()), enumAt("/$defs/optimizer/properties/type/enum"));
    assertEquals(names(ScheduleSpec.Type.values()), enumAt("/$defs/schedule/properties/type/enum"));
    assertEquals(names(SearchSpec.Strategy.values()), enumAt("/$defs/search/properties/strategy/enum"));
    assertEquals(names(ParamSpec.Type.values()), enumAt("/$defs/param/properties/type/enum"));
    assertEquals(names(ObjectiveSpec.Direction.values()), enumAt("/$defs/objective/properties/direction/enum"));
  }

  private static List<String> enumAt(String pointer) {
    List<String> out = new ArrayList<>();
    SpecSchema.root().at(pointer).forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> names(Enum<?>[] values) {
    return Stream.of(values).map(v -> SpecParser.mapper().convertValue(v, String.class)).toList();
  }

  @Test
  void sharedMapperIsStrict() {
    assertTrue(SpecParser.mapper().isEnabled(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
  }
}
