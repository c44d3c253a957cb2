package dev.modelsweep.search;

import static dev.modelsweep.spec.SpecFixtures.assertOnly;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.spec.SearchSpace;
import dev.modelsweep.spec.SpecFixtures;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The unit-cube encoding sobol, tpe and gp share, the startupTrials option, and gp's request. */
class SpaceEncodingTest {

  private static final String SPACE = "{'optimizer.type': {'type': 'choice', 'values': ['sgd', 'momentum', 'adam']},"
      + " 'optimizer.learningRate': {'type': 'float', 'min': 0.0001, 'max': 0.1, 'log': true},"
      + " 'optimizer.momentum': {'type': 'float', 'min': 0.5, 'max': 0.9, 'when': {'optimizer.type': ['momentum']}},"
      + " 'model.depth': {'type': 'int', 'min': 1, 'max': 4}}";

  private static SweepSpec spec(String strategy) {
    var doc = SpecFixtures.withSpace(strategy, SPACE);
    SpecFixtures.put(doc, "/search/trials", "20");
    return SpecParser.parse(doc);
  }

  private static SpaceEncoding encoding() {
    return new SpaceEncoding(SearchSpace.of(spec("tpe").search()));
  }

  @Test
  void encodesEachKindAndDecodesBack() {
    SpaceEncoding e = encoding();
    assertEquals(List.of(new SpaceEncoding.Dimension("optimizer.type", 3), new SpaceEncoding.Dimension("optimizer.learningRate", 0),
        new SpaceEncoding.Dimension("optimizer.momentum", 0), new SpaceEncoding.Dimension("model.depth", 0)), e.dimensions());
    Map<String, Object> params = Map.of("optimizer.type", "adam", "optimizer.learningRate", 0.001, "model.depth", 3);
    double[] u = e.encode(params);
    assertEquals(2.5 / 3, u[0], 1e-12, "a choice sits at its cell's centre");
    assertEquals(1.0 / 3, u[1], 1e-12, "0.001 is a third of the way from 1e-4 to 0.1 on the log scale");
    assertEquals(SpaceEncoding.INACTIVE, u[2], "momentum is absent without optimizer.type momentum");
    assertEquals(2.5 / 4, u[3], 1e-12);
    Map<String, Object> back = e.decode(u);
    assertEquals("adam", back.get("optimizer.type"));
    assertEquals(0.001, (Double) back.get("optimizer.learningRate"), 1e-15);
    assertEquals(3, back.get("model.depth"));
    assertEquals(List.of("optimizer.type", "optimizer.learningRate", "model.depth"), List.copyOf(back.keySet()));
  }

  @Test
  void decodeKeepsBoundsAndConditions() {
    SpaceEncoding e = encoding();
    Map<String, Object> low = e.decode(new double[] {0.5, 0, 0, 0});
    assertEquals("momentum", low.get("optimizer.type"));
    assertEquals(0.0001, (Double) low.get("optimizer.learningRate"), 1e-18);
    assertTrue((Double) low.get("optimizer.learningRate") >= 0.0001);
    assertEquals(0.5, low.get("optimizer.momentum"));
    assertEquals(1, low.get("model.depth"));
    Map<String, Object> high = e.decode(new double[] {0.99, 1, 1, 1});
    assertTrue((Double) high.get("optimizer.learningRate") <= 0.1);
    assertEquals(4, high.get("model.depth"));
    assertEquals(false, high.containsKey("optimizer.momentum"));
  }

  @Test
  void startupTrialsBelongsToTpeAndGp() {
    var doc = SpecFixtures.withSpace("random", SPACE);
    SpecFixtures.put(doc, "/search/startupTrials", "5");
    assertOnly(doc, "$.search.startupTrials", "only tpe and gp", "set search.strategy to tpe or gp");
    var zero = SpecFixtures.withSpace("gp", SPACE);
    SpecFixtures.put(zero, "/search/startupTrials", "0");
    assertOnly(zero, "$.search.startupTrials");
    var ok = SpecFixtures.withSpace("gp", SPACE);
    SpecFixtures.put(ok, "/search/startupTrials", "3");
    assertEquals(3, SpecParser.parse(ok).search().startupTrialsOrDefault());
    assertEquals(10, spec("tpe").search().startupTrialsOrDefault());
  }

  @Test
  void gpSendsASmallRequestAndPenalizesFailures() {
    SweepSpec spec = spec("gp");
    GpRequest[] sent = new GpRequest[1];
    GpSampler gp = new GpSampler(spec, request -> {
      sent[0] = request;
      return new GpSuggestion(new double[] {0.1, 0.5, 0.5, 0.9}, 0.1, -3);
    });
    List<Observation> seen = List.of(
        new Observation(0, Map.of("optimizer.type", "sgd", "optimizer.learningRate", 0.01, "model.depth", 1), List.of(-0.9), 5, true),
        new Observation(1, Map.of("optimizer.type", "adam", "optimizer.learningRate", 0.001, "model.depth", 2), List.of(-0.7), 5, true),
        new Observation(2, Map.of("optimizer.type", "adam", "optimizer.learningRate", 0.1, "model.depth", 4), List.of(), 3, true));
    assertEquals(new SobolSampler(spec).propose(9, List.of()), gp.propose(9, seen), "startup trials are sobol points");
    Map<String, Object> next = gp.propose(10, seen).orElseThrow();
    assertEquals(new SpaceEncoding(SearchSpace.of(spec.search())).decode(new double[] {0.1, 0.5, 0.5, 0.9}), next,
        "the suggested point, decoded");
    assertEquals(List.of(3, 0, 0, 0), sent[0].categories());
    assertEquals(3, sent[0].points().size());
    assertArrayEquals(new double[] {-0.9, -0.7, -0.7}, sent[0].losses(), "a failed trial gets the worst loss seen");
  }

  @Test
  void parEgoScalarizesSeveralObjectivesIntoTheUnitRange() {
    List<Observation> seen = List.of(
        new Observation(0, Map.of(), List.of(1.0, 10.0), 5, true),
        new Observation(1, Map.of(), List.of(3.0, 0.0), 5, true),
        new Observation(2, Map.of(), List.of(2.0, 5.0), 5, true),
        new Observation(3, Map.of(), List.of(0.0, 0.0), 5, false));
    double[] y = GpSampler.scalarize(seen, new SplitMix64(1));
    for (int i = 0; i < 3; i++) {
      assertTrue(y[i] >= 0 && y[i] <= 1.05, "scaled value " + y[i]);
    }
    assertTrue(y[3] >= Math.max(y[0], Math.max(y[1], y[2])), "an infeasible trial counts at least as the worst feasible one");
    assertTrue(!java.util.Arrays.equals(y, GpSampler.scalarize(seen, new SplitMix64(2))), "weights differ per trial");
  }
}
