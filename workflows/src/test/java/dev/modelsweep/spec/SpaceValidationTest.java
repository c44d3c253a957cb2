package dev.modelsweep.spec;

import static dev.modelsweep.spec.SpecFixtures.assertOnly;
import static dev.modelsweep.spec.SpecFixtures.assertProblem;
import static dev.modelsweep.spec.SpecFixtures.json;
import static dev.modelsweep.spec.SpecFixtures.parse;
import static dev.modelsweep.spec.SpecFixtures.problems;
import static dev.modelsweep.spec.SpecFixtures.withSpace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Step 3 for the search space: keys, parameters, conditions, candidate values and grid size. */
class SpaceValidationTest {

  private static ObjectNode random(String space) {
    return withSpace("random", space);
  }

  private static final String AT = "$.search.space";

  // ---------------------------------------------------------------- keys

  @Test
  void keyMustBeASearchableField() {
    assertOnly(random("{'optimizer.learningrate': {'type': 'float', 'min': 0.001, 'max': 0.1}}"),
        AT + "['optimizer.learningrate']", "not a searchable field", "did you mean \"optimizer.learningRate\"?",
        "model.width", "optimizer.schedule.gamma");
  }

  @Test
  void datasetFieldsAreNotSearchable() {
    assertOnly(random("{'dataset.validationFraction': {'type': 'float', 'min': 0.1, 'max': 0.2}}"),
        AT + "['dataset.validationFraction']", "dataset fields cannot be searched", "same data");
  }

  @Test
  void wholeObjectsAreNotSearchable() {
    assertOnly(random("{'optimizer.schedule': {'type': 'choice', 'values': [{'type': 'cosine'}]}}"),
        AT + "['optimizer.schedule']", "not a searchable field", "optimizer.schedule.type");
  }

  // ---------------------------------------------------------------- parameter shape

  @Test
  void choiceNeedsValuesAndNoRange() {
    List<SpecProblem> found = problems(random("{'model.width': {'type': 'choice', 'min': 1}}"));
    assertEquals(2, found.size(), SpecFixtures.describe(found));
    assertProblem(found, AT + "['model.width'].values", "required for a choice", "values to try");
    assertProblem(found, AT + "['model.width'].min", "applies only to int and float parameters");
  }

  @Test
  void rangeNeedsBothBoundsOrValues() {
    assertOnly(random("{'model.width': {'type': 'int', 'min': 8}}"), AT + "['model.width'].max",
        "required with min: give both min and max, or only values");
    assertOnly(random("{'model.width': {'type': 'int'}}"), AT + "['model.width']",
        "an int parameter needs min and max, or values");
  }

  @Test
  void minMustBeBelowMax() {
    assertOnly(random("{'model.dropout': {'type': 'float', 'min': 0.3, 'max': 0.1}}"), AT + "['model.dropout'].max",
        "must be greater than min (0.3), got 0.1");
  }

  @Test
  void logScaleNeedsAPositiveMin() {
    assertOnly(random("{'optimizer.learningRate': {'type': 'float', 'min': 0, 'max': 0.1, 'log': true}}"),
        AT + "['optimizer.learningRate'].min", "must be greater than 0 for a log-scale parameter, got 0");
  }

  @Test
  void logScaleIsForFloats() {
    assertOnly(random("{'model.width': {'type': 'int', 'min': 8, 'max': 64, 'log': true}}"),
        AT + "['model.width'].log", "applies only to float parameters");
  }

  @Test
  void intBoundsAndStepAreWholeNumbers() {
    List<SpecProblem> found = problems(random("{'model.width': {'type': 'int', 'min': 8.5, 'max': 64, 'step': 0.5}}"));
    assertProblem(found, AT + "['model.width'].min", "must be a whole number for an int parameter, got 8.5");
    assertProblem(found, AT + "['model.width'].step", "must be a whole number for an int parameter, got 0.5");
  }

  @Test
  void valuesOfARangeMustFitItsTypeAndBounds() {
    List<SpecProblem> found = problems(random("{'model.width': {'type': 'int', 'min': 8, 'max': 64, 'values': [8, 12.5, 128]}}"));
    assertEquals(2, found.size(), SpecFixtures.describe(found));
    assertProblem(found, AT + "['model.width'].values[1]", "must be a whole number for an int parameter, got 12.5");
    assertProblem(found, AT + "['model.width'].values[2]", "must lie within min and max (8 to 64), got 128");
  }

  @Test
  void valuesAreListedOnce() {
    assertOnly(random("{'model.activation': {'type': 'choice', 'values': ['relu', 'tanh', 'relu']}}"),
        AT + "['model.activation'].values[2]", "repeats values[0] (\"relu\"); list each value once");
  }

  @Test
  void stepAndValuesExcludeEachOther() {
    assertOnly(random("{'model.width': {'type': 'int', 'min': 8, 'max': 64, 'step': 8, 'values': [8, 16]}}"),
        AT + "['model.width'].step", "give either step");
  }

  @Test
  void floatCannotSetAnIntegerField() {
    assertOnly(random("{'model.width': {'type': 'float', 'min': 8, 'max': 64}}"), AT + "['model.width'].type",
        "model.width takes whole numbers; use \"type\": \"int\"");
  }

  @Test
  void rangeCannotSetANonNumericField() {
    assertOnly(random("{'model.activation': {'type': 'int', 'min': 1, 'max': 3}}"), AT + "['model.activation'].type",
        "model.activation is not a number", "use \"type\": \"choice\"");
  }

  // ---------------------------------------------------------------- conditions

  private static final String TYPES = "'optimizer.type': {'type': 'choice', 'values': ['sgd', 'momentum']}";

  @Test
  void conditionMustNameAnEarlierParameter() {
    assertOnly(random("{" + TYPES + ", 'optimizer.momentum': {'type': 'float', 'min': 0.8, 'max': 0.9, "
            + "'when': {'optimizer.kind': ['momentum']}}}"),
        AT + "['optimizer.momentum'].when['optimizer.kind']", "names no parameter of the space", "optimizer.type");
    assertOnly(random("{'optimizer.momentum': {'type': 'float', 'min': 0.8, 'max': 0.9, "
            + "'when': {'optimizer.type': ['momentum']}}, " + TYPES + "}"),
        AT + "['optimizer.momentum'].when['optimizer.type']", "names a later parameter; move it above optimizer.momentum");
  }

  @Test
  void conditionCannotNameItself() {
    assertOnly(random("{'model.width': {'type': 'choice', 'values': [8, 16], 'when': {'model.width': [8]}}}"),
        AT + "['model.width'].when['model.width']", "cannot be conditional on itself");
  }

  @Test
  void conditionCannotNameAFloat() {
    assertOnly(random("{'model.dropout': {'type': 'float', 'min': 0, 'max': 0.5}, "
            + "'model.width': {'type': 'choice', 'values': [8], 'when': {'model.dropout': [0.1]}}}"),
        AT + "['model.width'].when['model.dropout']", "names a float parameter", "choice or int");
  }

  @Test
  void conditionValuesMustBeTakeable() {
    assertOnly(random("{" + TYPES + ", 'optimizer.momentum': {'type': 'float', 'min': 0.8, 'max': 0.9, "
            + "'when': {'optimizer.type': ['momentum', 'nesterov']}}}"),
        AT + "['optimizer.momentum'].when['optimizer.type'][1]",
        "optimizer.type never takes \"nesterov\"; it takes one of \"sgd\", \"momentum\"");
    assertOnly(random("{'model.depth': {'type': 'int', 'min': 1, 'max': 5, 'step': 2}, "
            + "'model.width': {'type': 'choice', 'values': [8], 'when': {'model.depth': [2]}}}"),
        AT + "['model.width'].when['model.depth'][0]", "never takes 2; it takes the integers from 1 to 5 in steps of 2");
  }

  @Test
  void conditionsThatCanNeverHoldTogether() {
    assertOnly(random("{" + TYPES + ", "
            + "'optimizer.momentum': {'type': 'float', 'min': 0.8, 'max': 0.9, 'when': {'optimizer.type': ['momentum']}}, "
            + "'optimizer.learningRate': {'type': 'float', 'min': 0.01, 'max': 0.1, "
            + "'when': {'optimizer.momentum': [0.8], 'optimizer.type': ['sgd']}}}"),
        AT + "['optimizer.learningRate'].when['optimizer.momentum']", "names a float parameter");
    assertOnly(random("{" + TYPES + ", "
            + "'model.depth': {'type': 'int', 'min': 1, 'max': 2, 'when': {'optimizer.type': ['momentum']}}, "
            + "'model.width': {'type': 'choice', 'values': [8], 'when': {'model.depth': [1], 'optimizer.type': ['sgd']}}}"),
        AT + "['model.width']", "can never be active", "optimizer.type");
  }

  @Test
  void conditionalParameterIsCheckedWhereItIsActive() {
    // momentum applies to the momentum optimizer only; checked alone against the adam default it would fail
    parse(random("{" + TYPES + ", 'optimizer.momentum': {'type': 'float', 'min': 0.8, 'max': 0.95, "
        + "'when': {'optimizer.type': ['momentum']}}}"));
  }

  // ---------------------------------------------------------------- candidate values

  @Test
  void everyValueMustGiveAValidTrial() {
    assertOnly(random("{'model.dropout': {'type': 'float', 'min': 0, 'max': 1.5}}"), AT + "['model.dropout'].max",
        "1.5 makes an invalid trial: model.dropout: must be a number at least 0 and less than 1, got 1.5");
    assertOnly(random("{'model.hiddenLayers': {'type': 'choice', 'values': [[64], [32, 'wide']]}}"),
        AT + "['model.hiddenLayers'].values[1]", "makes an invalid trial: model.hiddenLayers[1]: must be an integer");
  }

  @Test
  void candidateIsCheckedWithTheValuesItsConditionsRequire() {
    assertOnly(random("{'optimizer.type': {'type': 'choice', 'values': ['rmsprop', 'adam']}, "
            + "'optimizer.rho': {'type': 'float', 'min': 0.8, 'max': 0.99, 'when': {'optimizer.type': ['rmsprop', 'adam']}}}"),
        AT + "['optimizer.rho'].min", "0.8 makes an invalid trial with optimizer.type = \"adam\": optimizer.rho: "
            + "applies only to optimizer.type rmsprop");
  }

  @Test
  void candidateMeetsTheData() {
    ObjectNode doc = random("{'model.family': {'type': 'choice', 'values': ['mlp', 'cnn']}}");
    doc.put("dataset", "iris");
    assertOnly(doc, AT + "['model.family'].values[1]", "\"cnn\" makes an invalid trial: model.family: cnn needs image data");
  }

  @Test
  void parametersSearchedTogetherMustFit() {
    assertOnly(random("{'optimizer.beta1': {'type': 'float', 'min': 0.8, 'max': 0.95}, "
            + "'optimizer.type': {'type': 'choice', 'values': ['adam', 'sgd']}}"),
        AT + "['optimizer.type'].values[1]", "\"sgd\" makes an invalid trial with optimizer.beta1 = 0.8",
        "applies only to optimizer.type adam or adamw", "conditional on the other with \"when\"");
    assertOnly(random("{'model.hiddenLayers': {'type': 'choice', 'values': [[64]]}, "
            + "'model.depth': {'type': 'int', 'min': 1, 'max': 2}}"),
        AT + "['model.depth'].min", "cannot be combined with model.hiddenLayers");
  }

  @Test
  void structureParametersReplaceConflictingBaseFields() {
    ObjectNode depth = random("{'model.depth': {'type': 'int', 'min': 1, 'max': 3}}");
    depth.set("model", json("{'family': 'mlp', 'hiddenLayers': [64, 32]}"));
    parse(depth);
    ObjectNode kinds = random("{'model.family': {'type': 'choice', 'values': ['mlp', 'cnn']}, "
        + "'optimizer.type': {'type': 'choice', 'values': ['sgd', 'adam']}}");
    kinds.set("model", json("{'family': 'mlp', 'hiddenLayers': [64, 32]}"));
    kinds.set("optimizer", json("{'type': 'adam', 'beta1': 0.8}"));
    parse(kinds);
  }

  @Test
  void aSearchedFieldOfOneFamilyNeedsAConditionOnTheFamily() {
    assertOnly(random("{'model.family': {'type': 'choice', 'values': ['mlp', 'cnn']}, "
            + "'model.width': {'type': 'choice', 'values': [32, 64]}}"),
        AT + "['model.width'].values[0]", "32 makes an invalid trial with model.family = \"cnn\"",
        "applies only to model.family mlp");
    parse(random("{'model.family': {'type': 'choice', 'values': ['mlp', 'cnn']}, "
        + "'model.width': {'type': 'choice', 'values': [32, 64], 'when': {'model.family': ['mlp']}}}"));
  }

  // ---------------------------------------------------------------- grid

  @Test
  void gridFloatNeedsStepOrValues() {
    assertOnly(withSpace("grid", "{'model.dropout': {'type': 'float', 'min': 0, 'max': 0.4}}"), AT + "['model.dropout']",
        "a grid needs step or values", "such as 0.1 for 5 points");
    parse(withSpace("random", "{'model.dropout': {'type': 'float', 'min': 0, 'max': 0.4}}"));
  }

  @Test
  void hugeGridIsRejectedWithoutEnumeratingIt() {
    ObjectNode doc = withSpace("grid", "{"
        + "'model.width': {'type': 'int', 'min': 1, 'max': 16384}, "
        + "'model.depth': {'type': 'int', 'min': 1, 'max': 64}, "
        + "'training.epochs': {'type': 'int', 'min': 1, 'max': 100000}, "
        + "'optimizer.learningRate': {'type': 'float', 'min': 0.00001, 'max': 1, 'step': 0.00001}}");
    SpecProblem p = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertOnly(doc, AT));
    assertTrue(p.message().startsWith("the grid has about 1.0e+16 points, more than the 100,000 allowed"),
        p.message());
  }

  @Test
  void gridAtTheCapIsAccepted() {
    parse(withSpace("grid", "{'model.width': {'type': 'int', 'min': 1, 'max': 1000}, "
        + "'training.epochs': {'type': 'int', 'min': 1, 'max': 100}}"));
    assertOnly(withSpace("grid", "{'model.width': {'type': 'int', 'min': 1, 'max': 1001}, "
        + "'training.epochs': {'type': 'int', 'min': 1, 'max': 100}}"), AT, "the grid has 100,100 points");
  }

  @Test
  void candidateChecksStayBoundedForHugeValueLists() {
    String thousand = java.util.stream.IntStream.rangeClosed(1, 1000).mapToObj(Integer::toString)
        .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    ObjectNode doc = random("{'training.epochs': {'type': 'int', 'values': " + thousand + "}, "
        + "'training.checkpointEvery': {'type': 'int', 'values': " + thousand + "}, "
        + "'training.batchSize': {'type': 'choice', 'values': " + thousand + "}, "
        + "'model.width': {'type': 'choice', 'values': " + thousand + "}}");
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> parse(doc));
  }

  @Test
  void everySpaceProblemAtOnce() {
    List<SpecProblem> found = problems(withSpace("grid", "{"
        + "'model.widht': {'type': 'int', 'min': 1, 'max': 4}, "
        + "'model.dropout': {'type': 'float', 'min': 0, 'max': 0.5}, "
        + "'model.depth': {'type': 'int', 'min': 0, 'max': 3}, "
        + "'optimizer.type': {'type': 'choice', 'values': ['sgd', 'sgd']}}"));
    assertEquals(List.of(AT + "['model.widht']", AT + "['model.dropout']", AT + "['optimizer.type'].values[1]",
        AT + "['model.depth'].min"), found.stream().map(SpecProblem::path).toList(), SpecFixtures.describe(found));
  }
}
