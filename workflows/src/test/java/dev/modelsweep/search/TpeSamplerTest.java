package dev.modelsweep.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.spec.SpecFixtures;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TpeSamplerTest {

  private static final String SPACE = "{'optimizer.type': {'type': 'choice', 'values': ['sgd', 'momentum', 'adam']},"
      + " 'optimizer.learningRate': {'type': 'float', 'min': 0.0001, 'max': 0.1, 'log': true},"
      + " 'optimizer.momentum': {'type': 'float', 'min': 0.5, 'max': 0.95, 'when': {'optimizer.type': ['momentum']}},"
      + " 'model.depth': {'type': 'int', 'min': 1, 'max': 4}}";

  private static SweepSpec spec(String strategy, int trials, int startup) {
    var doc = SpecFixtures.withSpace(strategy, SPACE);
    doc.put("seed", 3);
    SpecFixtures.put(doc, "/search/trials", Integer.toString(trials));
    if (!strategy.equals("random")) {
      SpecFixtures.put(doc, "/search/startupTrials", Integer.toString(startup));
    }
    return SpecParser.parse(doc);
  }

  /** A made-up loss: best with adam, a learning rate near 0.003 and depth 2. */
  private static double loss(Map<String, Object> p) {
    double lr = StrictMath.log10((Double) p.get("optimizer.learningRate"));
    int depth = (Integer) p.get("model.depth");
    return (lr + 2.5) * (lr + 2.5) + 0.3 * Math.abs(depth - 2) + (p.get("optimizer.type").equals("adam") ? 0 : 1);
  }

  private static List<Observation> run(Sampler sampler, int trials) {
    List<Observation> seen = new ArrayList<>();
    for (int i = 0; i < trials; i++) {
      Map<String, Object> p = sampler.propose(i, seen).orElseThrow();
      seen.add(new Observation(i, p, List.of(loss(p)), 20, true));
    }
    return seen;
  }

  @Test
  void startupTrialsAreSobolPoints() {
    SweepSpec spec = spec("tpe", 20, 6);
    TpeSampler tpe = new TpeSampler(spec);
    SobolSampler sobol = new SobolSampler(spec);
    List<Observation> seen = run(tpe, 6);
    for (int i = 0; i < 6; i++) {
      assertEquals(sobol.propose(i, List.of()).orElseThrow(), seen.get(i).params());
    }
  }

  @Test
  void deterministicInTheSetOfObservationsNotTheirOrder() {
    List<Observation> seen = run(new TpeSampler(spec("tpe", 30, 5)), 15);
    Map<String, Object> next = new TpeSampler(spec("tpe", 30, 5)).propose(15, seen).orElseThrow();
    List<Observation> shuffled = new ArrayList<>(seen);
    Collections.reverse(shuffled);
    assertEquals(next, new TpeSampler(spec("tpe", 30, 5)).propose(15, shuffled).orElseThrow());
    assertEquals(30, new TpeSampler(spec("tpe", 30, 5)).plannedTrials());
    assertTrue(new TpeSampler(spec("tpe", 30, 5)).propose(30, seen).isEmpty());
  }

  @Test
  void learnsFromResultsAndKeepsConditionsAndRanges() {
    List<Observation> tpe = run(new TpeSampler(spec("tpe", 40, 10)), 40);
    List<Observation> random = run(new RandomSampler(spec("random", 40, 10)), 40);
    double tpeBest = tpe.stream().mapToDouble(o -> o.losses().get(0)).min().orElseThrow();
    double randomBest = random.stream().mapToDouble(o -> o.losses().get(0)).min().orElseThrow();
    assertTrue(tpeBest < randomBest, "tpe " + tpeBest + " vs random " + randomBest);
    long adamAfterStartup = tpe.subList(10, 40).stream().filter(o -> o.params().get("optimizer.type").equals("adam")).count();
    assertTrue(adamAfterStartup >= 20, "tpe chose adam " + adamAfterStartup + " times of 30");
    for (Observation o : tpe) {
      assertEquals(o.params().get("optimizer.type").equals("momentum"), o.params().containsKey("optimizer.momentum"));
      double lr = (Double) o.params().get("optimizer.learningRate");
      int depth = (Integer) o.params().get("model.depth");
      assertTrue(lr >= 0.0001 && lr <= 0.1 && depth >= 1 && depth <= 4, o.params().toString());
    }
  }

  @Test
  void failedAndInfeasibleTrialsCountAsBad() {
    SweepSpec spec = spec("tpe", 40, 4);
    List<Observation> seen = new ArrayList<>();
    TpeSampler tpe = new TpeSampler(spec);
    for (int i = 0; i < 40; i++) {
      Map<String, Object> p = tpe.propose(i, seen).orElseThrow();
      boolean sgd = p.get("optimizer.type").equals("sgd");
      // sgd always fails; every other trial has the same loss, so only failures teach anything.
      seen.add(new Observation(i, p, sgd ? List.of() : List.of(1.0), 20, true));
    }
    long sgdLater = seen.subList(20, 40).stream().filter(o -> o.failed()).count();
    assertTrue(sgdLater <= 3, "tpe kept trying sgd after it failed: " + sgdLater + " of 20");
  }

  @Test
  void severalObjectivesSplitByParetoFronts() {
    Observation a = new Observation(0, Map.of(), List.of(1.0, 5.0), 10, true);
    Observation b = new Observation(1, Map.of(), List.of(2.0, 2.0), 10, true);
    Observation c = new Observation(2, Map.of(), List.of(3.0, 6.0), 10, true); // dominated by a and b
    Observation d = new Observation(3, Map.of(), List.of(0.5, 0.5), 4, true);  // stopped early
    Observation e = new Observation(4, Map.of(), List.of(), 2, true);          // failed
    Observation f = new Observation(5, Map.of(), List.of(0.1, 0.1), 10, false); // infeasible
    assertEquals(List.of(a, b, c, d, f, e), ObservationRanking.bestFirst(List.of(e, f, d, c, b, a)));
  }
}
