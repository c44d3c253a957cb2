package dev.modelsweep.activities;

import static dev.modelsweep.spec.SpecFixtures.json;
import static dev.modelsweep.spec.SpecFixtures.minimal;
import static dev.modelsweep.spec.SpecFixtures.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelsweep.search.Samplers;
import dev.modelsweep.spec.SpecFixtures;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SpecProblem;
import dev.modelsweep.spec.SweepSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LimitsTest {

  private static List<String> check(Limits limits, ObjectNode doc) {
    SweepSpec spec = SpecParser.parse(doc);
    return limits.check(spec, Samplers.create(spec).plannedTrials()).stream().map(SpecProblem::toString).toList();
  }

  private static ObjectNode space(String strategy, String space) {
    return SpecFixtures.withSpace(strategy, space);
  }

  @Test
  void noLimitsNoProblems() {
    ObjectNode doc = space("grid", "{'model.width': {'type': 'int', 'min': 1, 'max': 16384, 'step': 1}}");
    assertEquals(List.of(), check(Limits.NONE, doc));
  }

  @Test
  void widthOfASearchedRangeNamesTheParameterAndTheFix() {
    ObjectNode doc = space("random", "{'model.width': {'type': 'int', 'min': 64, 'max': 4096}}");
    assertEquals(List.of("$.search.space['model.width']: reaches 4096 units, over this worker's limit of 1024"
        + " (--max-width); lower the range"), check(Limits.NONE.withMaxWidth(1024), doc));
  }

  @Test
  void widthOfChoicesBaseFieldsAndHiddenLayerLists() {
    ObjectNode unconditional = space("random", "{'model.hiddenLayers': {'type': 'choice', 'values': [[32], [64, 2048]]}}");
    put(unconditional, "/model/hiddenLayers", "[512, 128]");
    assertEquals(List.of(
        "$.search.space['model.hiddenLayers']: reaches 2048 units, over this worker's limit of 256 (--max-width);"
            + " drop the larger values"), check(Limits.NONE.withMaxWidth(256), unconditional),
        "a parameter every trial has replaces the base value, so the base 512 never runs");

    ObjectNode base = minimal();
    put(base, "/model/width", "300");
    assertEquals(List.of("$.model.width: 300 units, over this worker's limit of 256 (--max-width); lower it"),
        check(Limits.NONE.withMaxWidth(256), base));
    assertEquals(List.of("$.model.width: defaults to 64 units, over this worker's limit of 32 (--max-width);"
        + " set model.width lower"), check(Limits.NONE.withMaxWidth(32), minimal()));
    ObjectNode list = minimal();
    put(list, "/model/hiddenLayers", "[16, 300]");
    assertEquals(List.of("$.model.hiddenLayers: has a layer of 300 units, over this worker's limit of 256"
        + " (--max-width); narrow it"), check(Limits.NONE.withMaxWidth(256), list));
  }

  @Test
  void layersOfMlpAndCnn() {
    ObjectNode mlp = space("random", "{'model.depth': {'type': 'choice', 'values': [1, 8, null]}}");
    assertEquals(List.of("$.search.space['model.depth']: reaches 8 hidden layers, over this worker's limit of 4"
        + " (--max-layers); drop the larger values"), check(Limits.NONE.withMaxLayers(4), mlp));
    ObjectNode list = minimal();
    put(list, "/model/hiddenLayers", "[8, 8, 8, 8, 8]");
    assertEquals(List.of("$.model.hiddenLayers: 5 hidden layers, over this worker's limit of 4 (--max-layers);"
        + " list fewer"), check(Limits.NONE.withMaxLayers(4), list));

    ObjectNode cnn = (ObjectNode) json("{'name': 'c', 'dataset': 'digits', 'model': {'family': 'cnn', 'convBlocks': 3,"
        + " 'channels': 8, 'pooling': 'none'}, 'search': {'space': {'model.channels': {'type': 'choice', 'values': [4, 8]},"
        + " 'model.convBlocks': {'type': 'int', 'min': 1, 'max': 5, 'when': {'model.channels': [4]}}}}}");
    assertEquals(List.of("$.search.space['model.convBlocks']: reaches 5 conv blocks, over this worker's limit of 4"
        + " (--max-layers); lower the range"), check(Limits.NONE.withMaxLayers(4), cnn));
    assertEquals(List.of("$.search.space['model.channels']: reaches 128 channels in the last block (8 doubling over 5"
        + " blocks), over this worker's limit of 100 (--max-width); lower model.channels or model.convBlocks"),
        check(Limits.NONE.withMaxWidth(100), cnn),
        "conservative: the 5 blocks go with channels 4 only, but conditions are not followed");
  }

  @Test
  void aSearchedFamilyBringsTheOtherFamilysDefaults() {
    ObjectNode doc = space("grid", "{'model.family': {'type': 'choice', 'values': ['mlp', 'cnn']}}");
    put(doc, "/model/width", "16");
    List<String> problems = check(Limits.NONE.withMaxWidth(20), doc);
    assertEquals(List.of(
        "$.model.channels: reaches 32 channels in the last block (16 doubling over 2 blocks), over this worker's"
            + " limit of 20 (--max-width); lower model.channels or model.convBlocks",
        "$.model.dense: defaults to a dense layer of 64 units, over this worker's limit of 20 (--max-width);"
            + " set model.dense"), problems);
  }

  @Test
  void epochsDefaultBaseAndSearched() {
    assertEquals(List.of("$.training.epochs: defaults to 20 epochs, over this worker's limit of 10 (--max-epochs);"
        + " set training.epochs lower"), check(Limits.NONE.withMaxEpochs(10), minimal()));
    ObjectNode searched = space("random", "{'training.epochs': {'type': 'int', 'min': 1, 'max': 50, 'step': 7}}");
    put(searched, "/training/epochs", "500");
    assertEquals(List.of("$.search.space['training.epochs']: reaches 50 epochs, over this worker's limit of 10"
        + " (--max-epochs); lower the range"), check(Limits.NONE.withMaxEpochs(10), searched),
        "the lattice 1, 8, ..., 50 tops out at 50; the base 500 never runs");
  }

  @Test
  void trialsPlannedByTheStrategy() {
    ObjectNode random = space("random", "{'model.width': {'type': 'int', 'min': 1, 'max': 9}}");
    assertEquals(List.of("$.search.trials: defaults to 10 trials, over this worker's limit of 5 (--max-trials);"
        + " set search.trials to at most 5"), check(Limits.NONE.withMaxTrials(5), random));
    put(random, "/search/trials", "50");
    assertEquals(List.of("$.search.trials: 50 trials, over this worker's limit of 5 (--max-trials);"
        + " set search.trials to at most 5"), check(Limits.NONE.withMaxTrials(5), random));
    ObjectNode grid = space("grid", "{'model.width': {'type': 'int', 'min': 1, 'max': 9}}");
    assertEquals(List.of("$.search.space: the grid has 9 points, over this worker's limit of 5 (--max-trials);"
        + " set search.trials to at most 5 or search fewer values"), check(Limits.NONE.withMaxTrials(5), grid));
    put(grid, "/search/trials", "4");
    assertEquals(List.of(), check(Limits.NONE.withMaxTrials(5), grid));
    assertEquals(List.of(), check(Limits.NONE.withMaxTrials(1), minimal()), "an empty space runs one trial");
  }

  @Test
  void everyExcessIsReported() {
    // The width parameter is conditional, so the base width stays in play beside it.
    ObjectNode doc = space("random", "{'model.depth': {'type': 'int', 'min': 1, 'max': 3},"
        + " 'model.width': {'type': 'choice', 'values': [8, 4096], 'when': {'model.depth': [1]}}}");
    put(doc, "/model/width", "2048");
    put(doc, "/training/epochs", "99");
    List<String> problems = check(new Limits(5, 2, 1024, 50, null), doc);
    assertEquals(5, problems.size(), String.join("\n", problems));
    assertTrue(problems.get(0).startsWith("$.search.trials: defaults to 10 trials"), problems.get(0));
    assertTrue(problems.get(1).startsWith("$.search.space['model.depth']: reaches 3 hidden layers"), problems.get(1));
    assertTrue(problems.get(2).startsWith("$.model.width: 2048 units"), problems.get(2));
    assertTrue(problems.get(3).startsWith("$.search.space['model.width']: reaches 4096 units"), problems.get(3));
    assertTrue(problems.get(4).startsWith("$.training.epochs: 99 epochs"), problems.get(4));
  }

  @Test
  void rows() {
    Limits limits = Limits.NONE.withMaxRows(50_000);
    assertEquals(Optional.empty(), limits.checkRows(50_000));
    assertEquals(Optional.of("dataset: 70000 rows, over this worker's limit of 50000 (--max-rows);"
        + " set dataset.limit to at most 50000"), limits.checkRows(70_000));
    assertEquals(Optional.empty(), Limits.NONE.checkRows(Long.MAX_VALUE));
  }

  @Test
  void limitsArePositive() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Limits.NONE.withMaxWidth(0));
    assertEquals("--max-width must be at least 1, got 0", e.getMessage());
  }
}
