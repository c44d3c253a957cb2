package dev.modelsweep.search;

import static dev.modelsweep.search.SearchFixtures.spec;
import static dev.modelsweep.search.SearchFixtures.trials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.spec.ModelSpec;
import dev.modelsweep.spec.ParamSpec;
import dev.modelsweep.spec.SearchSpace;
import dev.modelsweep.spec.SearchSpec;
import dev.modelsweep.spec.SpecFixtures;
import dev.modelsweep.spec.SweepSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridSamplerTest {

  private static Map<String, Object> point(Object... pathsAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndValues.length; i += 2) {
      out.put((String) pathsAndValues[i], pathsAndValues[i + 1]);
    }
    return out;
  }

  private static List<Object> column(List<Map<String, Object>> points, String path) {
    return points.stream().map(p -> p.get(path)).toList();
  }

  @Test
  void cartesianProductInDeclaredOrderLastParameterFastest() {
    GridSampler grid = new GridSampler(spec("grid", "{'model.activation': {'type': 'choice', 'values': ['relu', 'tanh']}, "
        + "'model.depth': {'type': 'int', 'min': 1, 'max': 3}, "
        + "'optimizer.learningRate': {'type': 'float', 'values': [0.01, 0.1]}}"));
    List<Map<String, Object>> points = trials(grid);
    assertEquals(12, points.size());
    assertEquals(12, grid.gridSize());
    assertEquals(point("model.activation", "relu", "model.depth", 1, "optimizer.learningRate", 0.01), points.get(0));
    assertEquals(point("model.activation", "relu", "model.depth", 1, "optimizer.learningRate", 0.1), points.get(1));
    assertEquals(point("model.activation", "relu", "model.depth", 2, "optimizer.learningRate", 0.01), points.get(2));
    assertEquals(point("model.activation", "tanh", "model.depth", 3, "optimizer.learningRate", 0.1), points.get(11));
    assertEquals(12, new HashSet<>(points).size());
    assertEquals(List.of("model.activation", "model.depth", "optimizer.learningRate"), List.copyOf(points.get(5).keySet()));
  }

  @Test
  void sizeIsTheProductOfTheParameterSizes() {
    GridSampler grid = new GridSampler(spec("grid", "{'model.width': {'type': 'int', 'min': 8, 'max': 64, 'step': 8}, "
        + "'model.dropout': {'type': 'float', 'min': 0, 'max': 0.4, 'step': 0.1}, "
        + "'optimizer.type': {'type': 'choice', 'values': ['sgd', 'adam', 'adamw']}}"));
    assertEquals(8 * 5 * 3, grid.plannedTrials());
    assertEquals(8 * 5 * 3, trials(grid).size());
  }

  @Test
  void floatRangePointsAreComputedFromTheIndexAndIncludeMax() {
    List<Map<String, Object>> points =
        trials(new GridSampler(spec("grid", "{'model.dropout': {'type': 'float', 'min': 0, 'max': 0.3, 'step': 0.1}}")));
    assertEquals(List.of(0.0, 0.1, 0.2, 0.3), column(points, "model.dropout"));
    List<Object> fine = column(trials(new GridSampler(spec("grid",
        "{'optimizer.learningRate': {'type': 'float', 'min': 0.001, 'max': 0.011, 'step': 0.001}}"))), "optimizer.learningRate");
    assertEquals(11, fine.size());
    for (int i = 0; i < 10; i++) {
      assertEquals(0.001 + i * 0.001, (double) fine.get(i), 0.0, "point " + i);
    }
    assertEquals(0.011, fine.get(10), "max itself, not an accumulated neighbour of it");
  }

  @Test
  void maxOffTheGridIsNotAPoint() {
    List<Map<String, Object>> points =
        trials(new GridSampler(spec("grid", "{'model.dropout': {'type': 'float', 'min': 0, 'max': 0.25, 'step': 0.1}}")));
    assertEquals(List.of(0.0, 0.1, 0.2), column(points, "model.dropout"));
  }

  @Test
  void intRangeFollowsItsStep() {
    List<Map<String, Object>> points =
        trials(new GridSampler(spec("grid", "{'model.width': {'type': 'int', 'min': 8, 'max': 64, 'step': 16}}")));
    assertEquals(List.of(8, 24, 40, 56), column(points, "model.width"));
  }

  @Test
  void conditionalParametersExpandOnlyWhereActive() {
    GridSampler grid = new GridSampler(spec("grid", "{"
        + "'optimizer.type': {'type': 'choice', 'values': ['sgd', 'momentum', 'nesterov']}, "
        + "'optimizer.momentum': {'type': 'float', 'values': [0.8, 0.9], 'when': {'optimizer.type': ['momentum', 'nesterov']}}, "
        + "'optimizer.learningRate': {'type': 'float', 'values': [0.01, 0.1]}}"));
    List<Map<String, Object>> points = trials(grid);
    assertEquals((1 + 2 + 2) * 2, points.size());
    assertEquals(point("optimizer.type", "sgd", "optimizer.learningRate", 0.01), points.get(0));
    assertEquals(point("optimizer.type", "sgd", "optimizer.learningRate", 0.1), points.get(1));
    assertEquals(point("optimizer.type", "momentum", "optimizer.momentum", 0.8, "optimizer.learningRate", 0.01),
        points.get(2));
    for (Map<String, Object> p : points) {
      assertEquals(!p.get("optimizer.type").equals("sgd"), p.containsKey("optimizer.momentum"), p.toString());
    }
  }

  @Test
  void countingMatchesEnumerationForNestedConditions() {
    SweepSpec spec = spec("grid", "{"
        + "'model.family': {'type': 'choice', 'values': ['mlp', 'cnn']}, "
        + "'model.depth': {'type': 'int', 'min': 1, 'max': 4, 'when': {'model.family': ['mlp']}}, "
        + "'model.width': {'type': 'int', 'values': [16, 32, 64], 'when': {'model.family': ['mlp'], 'model.depth': [1, 2]}}, "
        + "'model.convBlocks': {'type': 'int', 'min': 1, 'max': 3, 'when': {'model.family': ['cnn']}}, "
        + "'model.channels': {'type': 'choice', 'values': [8, 16], 'when': {'model.convBlocks': [3]}}, "
        + "'model.activation': {'type': 'choice', 'values': ['relu', 'gelu']}}");
    SearchSpace space = SearchSpace.of(spec.search());
    List<Map<String, Object>> expected = enumerate(space, 0, new LinkedHashMap<>());
    // mlp: depth 1,2 x 3 widths + depth 3,4 = 8; cnn: blocks 1,2 + blocks 3 x 2 channels = 4; x 2 activations
    assertEquals((8 + 4) * 2, expected.size());
    assertEquals(expected, trials(new GridSampler(spec)));
  }

  /** The grid by brute force: what counting and indexing must agree with. */
  private static List<Map<String, Object>> enumerate(SearchSpace space, int i, Map<String, Object> prefix) {
    if (i == space.paths().size()) {
      return List.of(new LinkedHashMap<>(prefix));
    }
    String path = space.paths().get(i);
    if (!space.isActive(path, prefix)) {
      return enumerate(space, i + 1, prefix);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    SearchSpace.Domain d = space.domain(path);
    for (long k = 0; k < d.size().longValueExact(); k++) {
      Map<String, Object> next = new LinkedHashMap<>(prefix);
      next.put(path, d.value(k));
      out.addAll(enumerate(space, i + 1, next));
    }
    return out;
  }

  @Test
  void trialsBudgetRunsTheFirstPoints() {
    String space = "{'model.width': {'type': 'int', 'min': 1, 'max': 4}, 'model.depth': {'type': 'int', 'min': 1, 'max': 3}}";
    List<Map<String, Object>> all = trials(new GridSampler(spec("grid", space)));
    var doc = SpecFixtures.withSpace("grid", space);
    SpecFixtures.put(doc, "/search/trials", "5");
    List<Map<String, Object>> capped = trials(new GridSampler(dev.modelsweep.spec.SpecParser.parse(doc)));
    assertEquals(all.subList(0, 5), capped);
  }

  @Test
  void emptySpaceRunsTheBaseOnce() {
    for (Sampler s : List.of(new GridSampler(spec("grid", "{}")), new RandomSampler(spec("random", "{}")))) {
      assertEquals(List.of(Map.of()), trials(s));
    }
  }

  @Test
  void sameSpecSameTrialsInAnyOrder() {
    SweepSpec spec = SearchFixtures.sample("iris-grid.json");
    List<Map<String, Object>> first = trials(new GridSampler(spec));
    GridSampler fresh = new GridSampler(spec);
    for (int i = first.size() - 1; i >= 0; i--) {
      assertEquals(first.get(i), fresh.propose(i, List.of()).orElseThrow());
    }
    assertEquals(8, first.size());
    assertEquals(Map.of("optimizer.type", "sgd", "optimizer.learningRate", 0.01, "model.width", 8), first.get(0));
  }

  @Test
  void valuesArePlainJsonValues() {
    Map<String, Object> p = new GridSampler(spec("grid", "{'training.epochs': {'type': 'int', 'min': 8, 'max': 9}, "
        + "'model.dropout': {'type': 'float', 'values': [0, 0.5]}, "
        + "'model.hiddenLayers': {'type': 'choice', 'values': [[64, 32]]}, "
        + "'model.batchNorm': {'type': 'choice', 'values': [true]}, "
        + "'model.activation': {'type': 'choice', 'values': ['relu']}}")).propose(0, List.of()).orElseThrow();
    assertEquals(8, p.get("training.epochs"));
    assertEquals(0.0, p.get("model.dropout"), "a float parameter's values are Doubles, even when written as 0");
    assertEquals(List.of(64, 32), p.get("model.hiddenLayers"));
    assertEquals(Boolean.TRUE, p.get("model.batchNorm"));
    assertEquals("relu", p.get("model.activation"));
  }

  @Test
  void hugeGridIsRefusedQuickly() {
    ParamSpec wide = new ParamSpec(ParamSpec.Type.INT, null, 1.0, 1_000_000.0, null, null, null);
    LinkedHashMap<String, ParamSpec> space = new LinkedHashMap<>();
    space.put("model.width", wide);
    space.put("model.depth", wide);
    space.put("training.epochs", wide);
    SweepSpec spec = new SweepSpec("huge", null, null,
        new ModelSpec(ModelSpec.Family.MLP, null, null, null, null, null, null, null, null, null, null, null),
        null, null, new SearchSpec(SearchSpec.Strategy.GRID, null, null, null, space, null, null, null), null, null, null);
    IllegalArgumentException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
        () -> assertThrows(IllegalArgumentException.class, () -> new GridSampler(spec)));
    assertTrue(e.getMessage().contains("1000000000000000000 points"), e.getMessage());
  }

  @Test
  void negativeIndexIsABug() {
    assertThrows(IllegalArgumentException.class, () -> new GridSampler(spec("grid", "{}")).propose(-1, List.of()));
  }

  @Test
  void factoryPicksTheNamedStrategy() {
    assertInstanceOf(GridSampler.class, Samplers.create(spec("grid", "{}")));
    assertInstanceOf(RandomSampler.class, Samplers.create(spec("random", "{}")));
    assertInstanceOf(RandomSampler.class, Samplers.create(dev.modelsweep.spec.SpecParser.parse(SpecFixtures.minimal())));
    assertFalse(Samplers.create(SearchFixtures.sample("digits-random.json")) instanceof GridSampler);
  }
}
