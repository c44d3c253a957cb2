package dev.modelsweep.search;

import static dev.modelsweep.search.SearchFixtures.spec;
import static dev.modelsweep.search.SearchFixtures.trials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.spec.SpecFixtures;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.TrialConfigs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RandomSamplerTest {

  private static final SweepSpec SAMPLE = SearchFixtures.sample("digits-random.json");

  private static SweepSpec withSeedAndTrials(String space, long seed, int trials) {
    var doc = SpecFixtures.withSpace("random", space);
    doc.put("seed", seed);
    SpecFixtures.put(doc, "/search/trials", Integer.toString(trials));
    return SpecParser.parse(doc);
  }

  private static List<Object> draws(String space, String path, int n) {
    return trials(new RandomSampler(withSeedAndTrials(space, 11, n))).stream().map(p -> p.get(path)).toList();
  }

  @Test
  void sameSeedSameTrialsInFreshInstancesAndAnyOrder() {
    List<Map<String, Object>> first = trials(new RandomSampler(SAMPLE));
    assertEquals(first, trials(new RandomSampler(SAMPLE)));
    RandomSampler fresh = new RandomSampler(SAMPLE);
    List<Integer> order = new ArrayList<>(List.of(7, 2, 9, 0, 4, 1, 8, 3, 6, 5));
    for (int i : order) {
      assertEquals(first.get(i), fresh.propose(i, List.of()).orElseThrow(), "trial " + i);
    }
  }

  @Test
  void drawsArePinnedSoReplayedSweepsSeeTheSameValues() {
    // Changing how values derive from (seed, index) changes running sweeps on replay: keep this.
    assertEquals(Map.of("model.depth", 1, "model.width", 64, "model.activation", "relu",
            "model.dropout", 0.08246739328578909, "optimizer.type", "adam", "optimizer.learningRate", 0.012834964200633337),
        new RandomSampler(SAMPLE).propose(0, List.of()).orElseThrow());
  }

  @Test
  void differentSeedDifferentTrials() {
    String space = "{'optimizer.learningRate': {'type': 'float', 'min': 0.0001, 'max': 0.1, 'log': true}}";
    assertNotEquals(trials(new RandomSampler(withSeedAndTrials(space, 1, 5))),
        trials(new RandomSampler(withSeedAndTrials(space, 2, 5))));
  }

  @Test
  void plansTheTrialBudgetOrTen() {
    assertEquals(10, new RandomSampler(SAMPLE).plannedTrials());
    assertEquals(10, new RandomSampler(spec("random", "{'model.depth': {'type': 'int', 'min': 1, 'max': 2}}")).plannedTrials());
    assertEquals(3, new RandomSampler(withSeedAndTrials("{'model.depth': {'type': 'int', 'min': 1, 'max': 2}}", 0, 3))
        .plannedTrials());
  }

  @Test
  void intDrawsCoverBothEndsAndFollowTheStep() {
    assertEquals(Set.of(1, 2, 3), Set.copyOf(draws("{'model.depth': {'type': 'int', 'min': 1, 'max': 3}}", "model.depth", 200)));
    assertEquals(new TreeSet<>(List.of(8, 24, 40, 56)), new TreeSet<>(
        draws("{'model.width': {'type': 'int', 'min': 8, 'max': 64, 'step': 16}}", "model.width", 200)));
  }

  @Test
  void logUniformStaysInBoundsAndSpreadsEvenlyOverDecades() {
    List<Object> lr = draws("{'optimizer.learningRate': {'type': 'float', 'min': 0.0001, 'max': 0.1, 'log': true}}",
        "optimizer.learningRate", 3000);
    int[] perDecade = new int[3];
    for (Object o : lr) {
      double v = (Double) o;
      assertTrue(v >= 0.0001 && v <= 0.1, "out of bounds: " + v);
      perDecade[(int) Math.min(2, Math.floor(Math.log10(v / 0.0001)))]++;
    }
    for (int n : perDecade) {
      assertTrue(n > 850 && n < 1150, "a log-uniform draw puts a third in each decade: " + java.util.Arrays.toString(perDecade));
    }
  }

  @Test
  void uniformFloatStaysInBounds() {
    List<Object> dropout = draws("{'model.dropout': {'type': 'float', 'min': 0.1, 'max': 0.3}}", "model.dropout", 500);
    double mean = 0;
    for (Object o : dropout) {
      double v = (Double) o;
      assertTrue(v >= 0.1 && v <= 0.3, "out of bounds: " + v);
      mean += v / dropout.size();
    }
    assertEquals(0.2, mean, 0.01);
  }

  @Test
  void choiceReachesEveryValue() {
    assertEquals(Set.of("sgd", "momentum", "adam", "adamw", "rmsprop"), Set.copyOf(draws(
        "{'optimizer.type': {'type': 'choice', 'values': ['sgd', 'momentum', 'adam', 'adamw', 'rmsprop']}}",
        "optimizer.type", 100)));
  }

  @Test
  void conditionalParameterPresentOnlyWhenActive() {
    List<Map<String, Object>> all = trials(new RandomSampler(withSeedAndTrials("{"
        + "'optimizer.type': {'type': 'choice', 'values': ['sgd', 'momentum', 'adam']}, "
        + "'optimizer.momentum': {'type': 'float', 'min': 0.8, 'max': 0.95, 'when': {'optimizer.type': ['momentum']}}, "
        + "'optimizer.learningRate': {'type': 'float', 'min': 0.001, 'max': 0.1, 'log': true}}", 5, 200)));
    int active = 0;
    for (Map<String, Object> p : all) {
      boolean momentum = p.get("optimizer.type").equals("momentum");
      assertEquals(momentum, p.containsKey("optimizer.momentum"), p.toString());
      active += momentum ? 1 : 0;
      List<String> expectedOrder = momentum
          ? List.of("optimizer.type", "optimizer.momentum", "optimizer.learningRate")
          : List.of("optimizer.type", "optimizer.learningRate");
      assertEquals(expectedOrder, List.copyOf(p.keySet()));
    }
    assertTrue(active > 40 && active < 100, "about a third active: " + active);
  }

  @Test
  void aParameterDrawsTheSameWhateverElseIsSearched() {
    String lr = "'optimizer.learningRate': {'type': 'float', 'min': 0.001, 'max': 0.1, 'log': true}";
    List<Object> alone = draws("{" + lr + "}", "optimizer.learningRate", 20);
    List<Object> withOthers = draws("{'model.depth': {'type': 'int', 'min': 1, 'max': 3}, " + lr + "}",
        "optimizer.learningRate", 20);
    assertEquals(alone, withOthers);
  }

  @Test
  void valuesArePlainJsonValues() {
    Map<String, Object> p = new RandomSampler(SAMPLE).propose(4, List.of()).orElseThrow();
    assertInstanceOf(Integer.class, p.get("model.depth"));
    assertInstanceOf(Integer.class, p.get("model.width"));
    assertInstanceOf(String.class, p.get("model.activation"));
    assertInstanceOf(Double.class, p.get("model.dropout"));
    assertInstanceOf(Double.class, p.get("optimizer.learningRate"));
  }

  @Test
  void everyDrawOfTheSampleResolvesToAValidTrial() {
    List<Map<String, Object>> all = trials(new RandomSampler(SAMPLE));
    for (int i = 0; i < all.size(); i++) {
      var trial = TrialConfigs.resolve(SAMPLE, "digits-random", i, all.get(i));
      assertEquals(all.get(i).get("model.width"), trial.model().width());
      assertEquals(25, trial.training().epochs());
    }
  }

  @Test
  void tinyDiscreteSpacesMayRepeatPoints() {
    List<Object> coin = draws("{'model.batchNorm': {'type': 'choice', 'values': [true, false]}}", "model.batchNorm", 10);
    assertEquals(10, coin.size());
    assertTrue(Collections.frequency(coin, true) > 1 || Collections.frequency(coin, false) > 1);
  }
}
