package dev.modelsweep.spec;

import static dev.modelsweep.spec.SpecFixtures.assertOnly;
import static dev.modelsweep.spec.SpecFixtures.assertProblem;
import static dev.modelsweep.spec.SpecFixtures.json;
import static dev.modelsweep.spec.SpecFixtures.minimal;
import static dev.modelsweep.spec.SpecFixtures.problems;
import static dev.modelsweep.spec.SpecFixtures.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Step 1: the schema's findings, phrased per field with a JSON path. */
class StructuralValidationTest {

  @Test
  void wrongTypeSaysWhatIsAllowedAndWhatCame() {
    SpecProblem p = assertOnly(put(minimal(), "/training/epochs", "'ten'"), "$.training.epochs");
    assertEquals("must be an integer from 1 to 100000, got \"ten\"", p.message());
  }

  @Test
  void missingRequiredFieldsAreEachReported() {
    List<SpecProblem> found = problems(json("{'seed': 1}"));
    assertEquals(3, found.size(), SpecFixtures.describe(found));
    assertProblem(found, "$.name", "required field is missing", "a string matching");
    assertProblem(found, "$.dataset", "required field is missing", "\"digits\"");
    assertProblem(found, "$.model", "required field is missing", "an object with fields family");
  }

  @Test
  void missingModelFamily() {
    ObjectNode doc = minimal();
    doc.set("model", json("{'depth': 2}"));
    assertOnly(doc, "$.model.family", "required field is missing", "one of \"mlp\", \"cnn\"");
  }

  @Test
  void unknownFieldAtTheRoot() {
    assertOnly(put(minimal(), "/epochs", "3"), "$.epochs", "unknown field", "fields allowed here: name, seed, dataset");
  }

  @Test
  void unknownFieldSuggestsTheCloseSpelling() {
    assertOnly(put(minimal(), "/training/batchsize", "3"), "$.training.batchsize",
        "did you mean \"batchSize\"?", "epochs, batchSize, checkpointEvery");
  }

  @Test
  void unknownFieldThreeLevelsDown() {
    assertOnly(put(minimal(), "/optimizer/schedule/decay", "0.1"), "$.optimizer.schedule.decay",
        "unknown field", "type, stepEpochs, gamma, warmupEpochs, minLearningRate");
  }

  @Test
  void unknownFieldInADatasetObject() {
    ObjectNode doc = minimal();
    doc.set("dataset", json("{'name': 'iris', 'split': 0.2}"));
    assertOnly(doc, "$.dataset.split", "unknown field", "validationFraction");
  }

  @Test
  void unknownFieldInASearchParameterUsesBracketPath() {
    ObjectNode doc = SpecFixtures.withSpace("random",
        "{'optimizer.momentum': {'type': 'float', 'min': 0.8, 'max': 0.9, 'scale': 'log'}}");
    assertOnly(doc, "$.search.space['optimizer.momentum'].scale", "unknown field", "type, values, min, max, step, log, when");
  }

  @Test
  void badEnumListsTheValues() {
    assertOnly(put(minimal(), "/optimizer/type", "'adamx'"), "$.optimizer.type",
        "must be one of \"sgd\", \"momentum\", \"nesterov\", \"adam\", \"adamw\", \"rmsprop\", \"adagrad\", got \"adamx\"");
  }

  @Test
  void unknownBuiltinDataset() {
    assertOnly(put(minimal(), "/dataset", "'mnist'"), "$.dataset",
        "\"digits\", \"iris\", \"wine\", \"breast-cancer\", \"letter\"", "got \"mnist\"");
  }

  @Test
  void objectiveMetricMustBeRankable() {
    assertOnly(put(minimal(), "/objective/metric", "'test_accuracy'"), "$.objective.metric",
        "one of \"val_accuracy\"", "got \"test_accuracy\"");
  }

  @Test
  void outOfRangeIntegers() {
    assertEquals("must be an integer from 1 to 100000, got 0",
        assertOnly(put(minimal(), "/search/trials", "0"), "$.search.trials").message());
    assertEquals("must be an integer from 1 to 1000, got 1001",
        assertOnly(put(minimal(), "/search/maxConcurrent", "1001"), "$.search.maxConcurrent").message());
  }

  @Test
  void outOfRangeNumbersSayWhichEndIsOpen() {
    assertEquals("must be a number at least 0 and less than 1, got 1.0",
        assertOnly(put(minimal(), "/model/dropout", "1.0"), "$.model.dropout").message());
    ObjectNode doc = minimal();
    doc.set("dataset", json("{'name': 'iris', 'testFraction': 0}"));
    assertEquals("must be a number greater than 0 and less than 1, got 0",
        assertOnly(doc, "$.dataset.testFraction").message());
  }

  @Test
  void fractionalValueForAnIntegerField() {
    assertOnly(put(minimal(), "/model/width", "12.5"), "$.model.width", "must be an integer from 1 to 16384, got 12.5");
  }

  @Test
  void nameMustBeUsableInIds() {
    assertOnly(put(minimal(), "/name", "'my sweep'"), "$.name",
        "must be a string matching ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$, got \"my sweep\"");
  }

  @Test
  void batchSizeIsAPositiveIntegerOrFull() {
    assertOnly(put(minimal(), "/training/batchSize", "'half'"), "$.training.batchSize",
        "must be an integer from 1 to 1000000 or \"full\", got \"half\"");
    assertOnly(put(minimal(), "/training/batchSize", "0"), "$.training.batchSize", "or \"full\", got 0");
  }

  @Test
  void shapeIsThreePositiveIntegers() {
    ObjectNode doc = minimal();
    doc.set("dataset", json("{'path': 'x.csv', 'shape': [1, 8]}"));
    assertOnly(doc, "$.dataset.shape", "must be a list of 3 items, each an integer from 1 to 4096, got [1,8]");
    doc.set("dataset", json("{'path': 'x.csv', 'shape': [1, 0, 8]}"));
    assertOnly(doc, "$.dataset.shape[1]", "must be an integer from 1 to 4096, got 0");
  }

  @Test
  void datasetOfTheWrongTypeNamesBothForms() {
    assertOnly(put(minimal(), "/dataset", "5"), "$.dataset", "\"letter\" or an object with fields name, path", "got 5");
  }

  @Test
  void emptyChoiceValues() {
    ObjectNode doc = SpecFixtures.withSpace("random", "{'model.width': {'type': 'choice', 'values': []}}");
    assertOnly(doc, "$.search.space['model.width'].values", "must be a list of 1 to 1000 items, got []");
  }

  @Test
  void rootMustBeAnObject() {
    assertOnly(json("[1, 2]"), "$", "must be an object with fields name, seed, dataset");
  }

  @Test
  void malformedJsonGivesLineAndColumn() {
    SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse("{\n  \"name\": \"x\",\n  \"seed\": 1,,\n}"));
    assertEquals(1, e.problems().size());
    assertEquals("$", e.problems().get(0).path());
    assertEquals(true, e.getMessage().startsWith("$: malformed JSON at line 3, column 13: "), e.getMessage());
  }

  @Test
  void duplicateKeysAndEmptyDocumentsAreMalformed() {
    SpecException dup = assertThrows(SpecException.class, () -> SpecParser.parse("{\"name\": \"a\", \"name\": \"b\"}"));
    assertEquals(true, dup.getMessage().contains("Duplicate field 'name'"), dup.getMessage());
    SpecException empty = assertThrows(SpecException.class, () -> SpecParser.parse("  "));
    assertEquals("$: empty document; a spec is a JSON object", empty.getMessage());
  }

  @Test
  void everyStructuralProblemAtOnceInDocumentOrder() {
    ObjectNode doc = (ObjectNode) json("""
        {'name': 'bad name', 'dataset': {'name': 'iris', 'colour': 1}, 'model': {'family': 'rnn'},
         'training': {'epochs': 'ten', 'batchSize': 'half'}, 'optimizer': {'type': 'adam', 'beta1': 1.5},
         'search': {'trials': 0, 'space': {'model.width': {'type': 'choice'}}}, 'extra': true}""");
    List<SpecProblem> found = problems(doc);
    List<String> paths = found.stream().map(SpecProblem::path).toList();
    assertEquals(List.of("$.name", "$.dataset.colour", "$.model.family", "$.training.epochs", "$.training.batchSize",
        "$.optimizer.beta1", "$.search.trials", "$.extra"), paths, SpecFixtures.describe(found));
    SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse(doc));
    assertEquals(8, e.getMessage().lines().count());
    assertEquals(true, e.getMessage().contains("$.training.epochs: must be an integer from 1 to 100000, got \"ten\""));
  }
}
