package dev.modelsweep.spec;

import static dev.modelsweep.spec.SpecFixtures.assertOnly;
import static dev.modelsweep.spec.SpecFixtures.minimal;
import static dev.modelsweep.spec.SpecFixtures.parse;
import static dev.modelsweep.spec.SpecFixtures.put;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** {@code search.earlyStopping} and {@code search.epochBudget}: defaults, and each bad option named. */
class EarlyStoppingValidationTest {

  private static ObjectNode stopping(String json) {
    return put(minimal(), "/search/earlyStopping", json);
  }

  @Test
  void aTypeAloneIsValidAndEveryOptionHasItsDocumentedDefault() {
    for (String type : new String[] {"asha", "hyperband", "median"}) {
      EarlyStoppingSpec s = parse(stopping("{'type': '" + type + "'}")).searchOrDefault().earlyStopping();
      assertEquals(1, s.minEpochsOrDefault());
      assertEquals(3, s.reductionFactorOrDefault());
      assertEquals(0, s.gracePeriodOrDefault());
      assertEquals(5, s.minTrialsOrDefault());
    }
    assertEquals(120L, parse(put(minimal(), "/search/epochBudget", "120")).searchOrDefault().epochBudget());
  }

  @Test
  void anUnknownTypeIsNamedWithTheAllowedOnes() {
    assertOnly(stopping("{'type': 'pbt'}"), "$.search.earlyStopping.type", "asha", "hyperband", "median");
  }

  @Test
  void theTypeIsRequired() {
    assertOnly(stopping("{'minEpochs': 2}"), "$.search.earlyStopping.type", "required");
  }

  @Test
  void anOptionOfAnotherTypeIsNamedWithTheFix() {
    assertOnly(stopping("{'type': 'asha', 'minTrials': 3}"), "$.search.earlyStopping.minTrials",
        "applies only to search.earlyStopping.type median, not asha");
    assertOnly(stopping("{'type': 'median', 'reductionFactor': 4}"), "$.search.earlyStopping.reductionFactor",
        "applies only to search.earlyStopping.type asha or hyperband, not median");
  }

  @Test
  void optionsOutOfRangeAreNamed() {
    assertOnly(stopping("{'type': 'asha', 'reductionFactor': 1}"), "$.search.earlyStopping.reductionFactor", "2");
    assertOnly(stopping("{'type': 'asha', 'minEpochs': 0}"), "$.search.earlyStopping.minEpochs", "1");
    assertOnly(put(minimal(), "/search/epochBudget", "0"), "$.search.epochBudget", "1");
    assertOnly(stopping("{'type': 'asha', 'patience': 3}"), "$.search.earlyStopping.patience", "unknown field");
  }

  @Test
  void earlyStoppingNeedsAnObjectiveThatTrainingChanges() {
    ObjectNode doc = put(stopping("{'type': 'asha'}"), "/objective/metric", "'params'");
    assertOnly(doc, "$.search.earlyStopping", "objective.metric is params", "val_accuracy, val_loss, train_loss");
  }

  @Test
  void theFirstRungMustComeBeforeTheLastEpoch() {
    ObjectNode doc = put(stopping("{'type': 'median', 'minEpochs': 20}"), "/training/epochs", "20");
    assertOnly(doc, "$.search.earlyStopping.minEpochs", "not below training.epochs 20");
  }
}
