package dev.modelsweep.worker.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelsweep.workflow.ProgressPoint;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class BudgetCurveTest {

  // Budget 100 epochs, started at 1,000 ms: t0 leads after 10 epochs (at 3 s), t3 after 40 (7 s),
  // t7 after 80 (12.5 s).
  private static final BudgetCurve CURVE = new BudgetCurve(100, 1_000,
      List.of(new ProgressPoint(1, 10, "t0", 0.80, 4_000), new ProgressPoint(4, 40, "t3", 0.90, 8_000),
          new ProgressPoint(8, 80, "t7", 0.95, 13_500)),
      Map.of("t0", 0.78, "t3", 0.91, "t7", 0.93, "t5", 0.99));

  @Test
  void accuracyAtABudgetShareIsTheLeadersTestAccuracyThen() {
    assertEquals(0.78, CURVE.accuracyAt(0.25));
    assertEquals(0.91, CURVE.accuracyAt(0.5));
    assertEquals(0.91, CURVE.accuracyAt(0.4), "a leader change at exactly the share counts");
    assertEquals(0.93, CURVE.accuracyAt(1.0));
    assertEquals(Double.NaN, CURVE.accuracyAt(0.05), "no trial had ended");
  }

  @Test
  void shareToReachIsWhenTheLeaderFirstHadTheTarget() {
    assertEquals(0.4, CURVE.shareToReach(0.9));
    assertEquals(0.1, CURVE.shareToReach(0.5));
    assertEquals(0.8, CURVE.shareToReach(0.93));
    // t5 was better on test but never led on validation, so it does not count.
    assertEquals(Double.POSITIVE_INFINITY, CURVE.shareToReach(0.95));
  }

  @Test
  void secondsToReachAreFromTheStartToThatLeaderChange() {
    assertEquals(7.0, CURVE.secondsToReach(0.9));
    assertEquals(12.5, CURVE.secondsToReach(0.93));
    assertEquals(Double.POSITIVE_INFINITY, CURVE.secondsToReach(0.95));
  }

  @Test
  void summaryTakesMediansAndRangesOverSeedsAndMeasuresAgainstRandom() {
    BudgetCurve slow = new BudgetCurve(100, 0, List.of(new ProgressPoint(1, 50, "a", 0.9, 5_000)), Map.of("a", 0.90));
    BudgetCurve fast = new BudgetCurve(100, 0, List.of(new ProgressPoint(1, 20, "a", 0.9, 2_000)), Map.of("a", 0.92));
    BudgetCurve never = new BudgetCurve(100, 0, List.of(new ProgressPoint(1, 20, "a", 0.9, 2_000)), Map.of("a", 0.80));
    List<SearchBenchmark.Run> runs = List.of(
        run("random", 0, slow), run("random", 1, fast), run("random", 2, never),
        run("tpe", 0, fast), run("tpe", 1, fast), run("tpe", 2, slow));
    List<SearchBenchmark.Summary> rows = SearchBenchmark.summarize(runs, OptionalDouble.empty());
    assertEquals(List.of("random", "tpe"), rows.stream().map(SearchBenchmark.Summary::combination).toList());
    SearchBenchmark.Summary random = rows.get(0);
    assertEquals(new SearchBenchmark.Spread(0.90, 0.80, 0.92), random.accuracy().get(2));
    // At 25% the slow seed had no leader yet; the other two count.
    assertEquals(0.86, random.accuracy().get(0).median(), 1e-12);
    assertEquals(0.80, random.accuracy().get(0).min());
    // Random's median final is 0.90: random's own seeds reach it at 0.5, 0.2 and never.
    assertEquals(0.5, random.shareToReachRandom());
    SearchBenchmark.Summary tpe = rows.get(1);
    assertEquals(0.2, tpe.shareToReachRandom());
    assertEquals(2.0, tpe.secondsToReachRandom(), "median of 2, 2 and 5 s");
    assertEquals(5.0, random.secondsToReachRandom(), "median of 5 s, 2 s and never");
    assertEquals(2.0, random.leaderTrainSeconds(), "seeds 0 and 1 reached it with a, which trained 1 and 2 s");
    assertEquals(0.92, tpe.accuracy().get(2).median());
    assertEquals(new SearchBenchmark.Spread(2.0, 1.0, 3.0), tpe.wallSeconds());
  }

  @Test
  void aGivenTargetReplacesRandomsFinal() {
    BudgetCurve curve = new BudgetCurve(100, 0,
        List.of(new ProgressPoint(1, 20, "a", 0.9, 2_000), new ProgressPoint(2, 60, "b", 0.95, 9_000)),
        Map.of("a", 0.90, "b", 0.95));
    SearchBenchmark.Run run = new SearchBenchmark.Run("random+asha", 0, 10.0, 100, new double[3], curve,
        Map.of("a", 1.5, "b", 4.0));
    SearchBenchmark.Summary row = SearchBenchmark.summarize(List.of(run), OptionalDouble.of(0.93)).get(0);
    assertEquals(0.6, row.shareToReachRandom());
    assertEquals(9.0, row.secondsToReachRandom());
    assertEquals("b", curve.leaderReaching(0.93));
    assertEquals(4.0, row.leaderTrainSeconds(), "b reached it: its own training");
  }

  private static SearchBenchmark.Run run(String combination, long seed, BudgetCurve curve) {
    double[] at = new double[SearchBenchmark.FRACTIONS.length];
    for (int i = 0; i < at.length; i++) {
      at[i] = curve.accuracyAt(SearchBenchmark.FRACTIONS[i]);
    }
    return new SearchBenchmark.Run(combination, seed, 1.0 + seed, 100, at, curve, Map.of("a", 1.0 + seed));
  }
}
