package dev.modelsweep.worker.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelsweep.spec.SearchSpec;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import org.junit.jupiter.api.Test;

class SearchProtocolTest {

  private static final SearchProtocol LETTER = SearchProtocol.named("letter");

  @Test
  void letterIsTheProtocolOfThePeerComparison() {
    assertEquals(new SearchProtocol("letter", 27, 810), LETTER);
    SweepSpec spec = SpecParser.parse(LETTER.spec("random", 3, 1));
    assertEquals(30, spec.search().trials());
    assertEquals(27, spec.training().epochs());
    assertEquals(0.2, spec.dataset().validationFraction());
    assertEquals(0.2, spec.dataset().testFraction());
    assertEquals(6, spec.search().space().size());
    assertEquals(3L, spec.seed());
  }

  @Test
  void aStrategyAloneTrainsTheBudgetAsFullTrials() {
    JsonNode doc = LETTER.withBudget(540).spec("tpe", 0, 2);
    JsonNode search = doc.get("search");
    assertEquals("tpe", search.get("strategy").asText());
    assertEquals(20, search.get("trials").asInt());
    assertEquals(2, search.get("maxConcurrent").asInt());
    assertFalse(search.has("earlyStopping"));
    assertFalse(search.has("epochBudget"));
    assertEquals(SearchSpec.Strategy.TPE, SpecParser.parse(doc).search().strategy());
    assertEquals("bench-letter-tpe-s0", doc.get("name").asText());
  }

  @Test
  void earlyStoppingSetsItsTypeAndTheEpochBudget() {
    JsonNode search = LETTER.spec("tpe+hyperband", 4, 1).get("search");
    assertEquals("tpe", search.get("strategy").asText());
    assertEquals("hyperband", search.get("earlyStopping").get("type").asText());
    assertEquals(810, search.get("epochBudget").asInt());
    assertTrue(search.get("trials").asInt() >= 810 / 27, "the trial budget must not end the sweep first");
    assertEquals("bench-letter-tpe_hyperband-s4", LETTER.spec("tpe+hyperband", 4, 1).get("name").asText());
  }

  @Test
  void badInputNamesTheOption() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LETTER.spec("tpe+", 0, 1)).getMessage().startsWith("--combos"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LETTER.spec("a+b+c", 0, 1)).getMessage().startsWith("--combos"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SearchProtocol.named("mnist")).getMessage().startsWith("--dataset"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LETTER.withBudget(26)).getMessage().startsWith("--budget"));
  }
}
