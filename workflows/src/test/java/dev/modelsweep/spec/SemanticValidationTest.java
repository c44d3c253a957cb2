package dev.modelsweep.spec;

import static dev.modelsweep.spec.SpecFixtures.assertOnly;
import static dev.modelsweep.spec.SpecFixtures.assertProblem;
import static dev.modelsweep.spec.SpecFixtures.json;
import static dev.modelsweep.spec.SpecFixtures.minimal;
import static dev.modelsweep.spec.SpecFixtures.parse;
import static dev.modelsweep.spec.SpecFixtures.problems;
import static dev.modelsweep.spec.SpecFixtures.put;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Step 3 for the configuration: what belongs together and what fits the data. */
class SemanticValidationTest {

  private static ObjectNode dataset(String json) {
    ObjectNode doc = minimal();
    doc.set("dataset", json(json));
    return doc;
  }

  // ---------------------------------------------------------------- dataset

  @Test
  void builtinNameExcludesFileFields() {
    assertOnly(dataset("{'name': 'iris', 'path': 'iris.csv'}"), "$.dataset.path",
        "not allowed with a built-in data set (name \"iris\")", "remove name to load a file");
  }

  @Test
  void aDatasetMustNameSomeData() {
    assertOnly(dataset("{'header': true}"), "$.dataset", "names no data",
        "digits, iris, wine, breast-cancer, letter", "path", "images and labels");
  }

  @Test
  void csvNeedsAPath() {
    assertOnly(dataset("{'format': 'csv', 'header': true}"), "$.dataset.path", "required for format csv");
    assertOnly(dataset("{'label': 0}"), "$.dataset", "names no data");
  }

  @Test
  void csvRejectsIdxFields() {
    assertOnly(dataset("{'path': 'x.csv', 'images': 'x.idx3'}"), "$.dataset.images",
        "applies only to format idx, not csv", "set dataset.format to idx");
  }

  @Test
  void idxNeedsImagesAndLabelsAndRejectsCsvFields() {
    List<SpecProblem> found = problems(dataset("{'format': 'idx', 'images': 'x.idx3', 'label': 0}"));
    assertEquals(2, found.size(), SpecFixtures.describe(found));
    assertProblem(found, "$.dataset.labels", "required for format idx");
    assertProblem(found, "$.dataset.label", "applies only to format csv, not idx");
  }

  @Test
  void fractionsMustLeaveRowsToTrainOn() {
    assertOnly(dataset("{'name': 'iris', 'validationFraction': 0.5, 'testFraction': 0.6}"), "$.dataset.testFraction",
        "validationFraction + testFraction must be below 1", "got 0.5 + 0.6 = 1.1");
    assertOnly(dataset("{'name': 'iris', 'validationFraction': 0.9}"), "$.dataset.validationFraction",
        "got 0.9 + 0.15");
  }

  @Test
  void labelBindsFromIndexOrHeaderName() {
    DatasetSpec byIndex = parse(dataset("{'path': 'x.csv', 'label': 0}")).dataset();
    DatasetSpec byName = parse(dataset("{'path': 'x.csv', 'label': 'species', 'header': true}")).dataset();
    assertEquals(new LabelColumn(0, null), byIndex.label());
    assertEquals(new LabelColumn(null, "species"), byName.label());
  }

  // ---------------------------------------------------------------- model

  @Test
  void mlpRejectsCnnFields() {
    assertOnly(put(minimal(), "/model/convBlocks", "2"), "$.model.convBlocks",
        "applies only to model.family cnn, not mlp", "set model.family to cnn");
  }

  @Test
  void cnnRejectsMlpFields() {
    ObjectNode doc = minimal();
    doc.set("model", json("{'family': 'cnn', 'width': 64}"));
    assertOnly(doc, "$.model.width", "applies only to model.family mlp, not cnn");
  }

  @Test
  void hiddenLayersExcludeDepthAndWidth() {
    ObjectNode doc = minimal();
    doc.set("model", json("{'family': 'mlp', 'hiddenLayers': [64, 32], 'depth': 2, 'width': 8}"));
    List<SpecProblem> found = problems(doc);
    assertEquals(2, found.size());
    assertProblem(found, "$.model.depth", "cannot be combined with model.hiddenLayers", "either hiddenLayers");
    assertProblem(found, "$.model.width", "cannot be combined with model.hiddenLayers");
  }

  @Test
  void cnnKernelMustBeOdd() {
    ObjectNode doc = minimal();
    doc.set("model", json("{'family': 'cnn', 'kernel': 4}"));
    assertOnly(doc, "$.model.kernel", "must be odd (1, 3, 5, ...)", "got 4");
  }

  @Test
  void cnnNeedsImageData() {
    ObjectNode doc = minimal();
    doc.put("dataset", "iris");
    doc.set("model", json("{'family': 'cnn'}"));
    assertOnly(doc, "$.model.family", "cnn needs image data", "\"iris\" is tabular", "use family mlp");
  }

  @Test
  void cnnOnCsvNeedsAShape() {
    ObjectNode doc = dataset("{'path': 'x.csv'}");
    doc.set("model", json("{'family': 'cnn'}"));
    assertOnly(doc, "$.dataset.shape", "required when model.family is cnn", "[channels, height, width]");
    doc.set("dataset", json("{'path': 'x.csv', 'shape': [1, 28, 28]}"));
    parse(doc);
  }

  @Test
  void cnnPoolingMustNotShrinkImagesAway() {
    ObjectNode doc = minimal();
    doc.set("model", json("{'family': 'cnn', 'convBlocks': 4}"));
    assertOnly(doc, "$.model.convBlocks", "4 blocks of 2x2 pooling shrink 8x8 images below 1x1",
        "at most 3 blocks, or pooling none");
    doc.set("model", json("{'family': 'cnn', 'convBlocks': 4, 'pooling': 'none'}"));
    parse(doc);
  }

  // ---------------------------------------------------------------- optimizer

  @Test
  void hyperparameterMustApplyToTheOptimizerType() {
    ObjectNode doc = minimal();
    doc.set("optimizer", json("{'type': 'sgd', 'beta1': 0.9}"));
    assertOnly(doc, "$.optimizer.beta1", "applies only to optimizer.type adam or adamw, not sgd",
        "remove it or set optimizer.type to one of those");
  }

  @Test
  void theDefaultOptimizerTypeCountsToo() {
    assertOnly(put(minimal(), "/optimizer/momentum", "0.9"), "$.optimizer.momentum",
        "applies only to optimizer.type momentum or nesterov or rmsprop, not adam (the default)");
  }

  @Test
  void scheduleFieldMustApplyToTheScheduleType() {
    ObjectNode doc = minimal();
    doc.set("optimizer", json("{'schedule': {'type': 'cosine', 'gamma': 0.5}}"));
    assertOnly(doc, "$.optimizer.schedule.gamma", "applies only to optimizer.schedule.type step, not cosine",
        "set optimizer.schedule.type to step");
    doc.set("optimizer", json("{'schedule': {'stepEpochs': 5}}"));
    assertOnly(doc, "$.optimizer.schedule.stepEpochs", "not constant (the default)");
  }

  @Test
  void scheduleFloorMustBeBelowTheLearningRate() {
    ObjectNode doc = minimal();
    doc.set("optimizer", json("{'type': 'sgd', 'schedule': {'type': 'cosine', 'minLearningRate': 0.05}}"));
    assertOnly(doc, "$.optimizer.schedule.minLearningRate", "must be below the learning rate 0.01 (the default for sgd)",
        "got 0.05");
  }

  @Test
  void everySemanticProblemAtOnce() {
    ObjectNode doc = (ObjectNode) json("""
        {'name': 'many', 'dataset': {'name': 'iris', 'path': 'x.csv'},
         'model': {'family': 'mlp', 'kernel': 3, 'hiddenLayers': [8], 'depth': 2},
         'optimizer': {'type': 'sgd', 'rho': 0.9, 'schedule': {'type': 'step', 'minLearningRate': 0.001}},
         'search': {'space': {'dataset.limit': {'type': 'int', 'min': 1, 'max': 2}}}}""");
    List<SpecProblem> found = problems(doc);
    assertEquals(List.of("$.dataset.path", "$.model.kernel", "$.model.depth", "$.optimizer.rho",
        "$.optimizer.schedule.minLearningRate", "$.search.space['dataset.limit']"), found.stream().map(SpecProblem::path).toList(),
        SpecFixtures.describe(found));
  }
}
