package dev.modelsweep.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrialSchedulerTest {

  private static SweepSpec spec(int epochs, int trials, String search) {
    return SpecParser.parse("""
        {"name": "s", "dataset": "iris", "model": {"family": "mlp"}, "training": {"epochs": %d},
         "search": {"strategy": "random", "trials": %d, "space": {
           "optimizer.learningRate": {"type": "float", "min": 0.0001, "max": 1, "log": true}}%s}}
        """.formatted(epochs, trials, search));
  }

  private static TrialScheduler scheduler(SweepSpec spec, SchedulerState state) {
    return new TrialScheduler(spec, Samplers.create(spec), EarlyStoppings.create(spec), state);
  }

  @Test
  void withoutEarlyStoppingEveryTrialTrainsToItsLastEpochInOneGo() {
    TrialScheduler s = scheduler(spec(9, 3, ""), SchedulerState.INITIAL);
    for (int i = 0; i < 3; i++) {
      Decision.Start start = assertInstanceOf(Decision.Start.class, s.next());
      assertEquals(i, start.index());
      assertEquals(9, start.untilEpoch());
    }
    assertInstanceOf(Decision.Done.class, s.next());
  }

  @Test
  void ashaDecidesAtOnceAtEachRungAndKeepsTheBestThird() {
    TrialScheduler s = scheduler(spec(9, 10, ", \"earlyStopping\": {\"type\": \"asha\"}"), SchedulerState.INITIAL);
    List<Decision> atRungOne = new ArrayList<>();
    // Losses 0.5, 0.4, ... 0.0: each newcomer is the best so far, so each goes on.
    for (int i = 0; i < 6; i++) {
      Decision.Start start = assertInstanceOf(Decision.Start.class, s.next());
      assertEquals(1, start.untilEpoch(), "first rung at minEpochs 1");
      atRungOne.add(s.reached(i, 1, 0.5 - 0.1 * i));
    }
    atRungOne.forEach(d -> assertEquals(3, assertInstanceOf(Decision.Continue.class, d).untilEpoch()));
    // A worse one at the same rung, among 7: only the best max(1, 7/3) = 2 go on.
    s.next();
    Decision.Stop stop = assertInstanceOf(Decision.Stop.class, s.reached(6, 1, 0.45));
    assertTrue(stop.reason().startsWith("stopped by asha at epoch 1"), stop.reason());
    // Rung 3 then 9: the first trial there always goes on, to the last epoch.
    assertEquals(9, assertInstanceOf(Decision.Continue.class, s.reached(5, 3, 0.0)).untilEpoch());
    assertEquals(7 + 2, s.epochsTrained(), "an epoch each for 7 trials, then 2 more for trial 5");
  }

  @Test
  void hyperbandDealsTrialsToItsBracketsMostAggressiveFirst() {
    Hyperband h = new Hyperband(1, 3, 0, 27);
    // s_max = 3: the paper's bracket sizes ceil(4 / (s + 1) * 3^s) for s = 3, 2, 1, 0.
    assertEquals(List.of(27, 12, 6, 4), h.sizes());
    assertEquals(0, h.bracket(0));
    assertEquals(1, h.bracket(27));
    assertEquals(3, h.bracket(48));
    assertEquals(0, h.bracket(49), "the next cycle begins");
    assertEquals(1, h.nextReport(0, 0, 27));
    assertEquals(3, h.nextReport(27, 0, 27));
    assertEquals(27, h.nextReport(48, 0, 27), "the last bracket trains to the end");
  }

  @Test
  void medianStopsATrialWorseThanTheOthersMedianAtTheSameEpoch() {
    TrialScheduler s = scheduler(
        spec(5, 10, ", \"earlyStopping\": {\"type\": \"median\", \"minTrials\": 3}"), SchedulerState.INITIAL);
    for (int i = 0; i < 4; i++) {
      assertEquals(1, assertInstanceOf(Decision.Start.class, s.next()).untilEpoch(), "reports every epoch");
    }
    assertInstanceOf(Decision.Continue.class, s.reached(0, 1, 0.3));
    assertInstanceOf(Decision.Continue.class, s.reached(1, 1, 0.1));
    assertInstanceOf(Decision.Continue.class, s.reached(2, 1, 0.9), "fewer than minTrials others yet");
    Decision.Stop stop = assertInstanceOf(Decision.Stop.class, s.reached(3, 1, 0.5));
    assertTrue(stop.reason().contains("median 0.3"), stop.reason());
  }

  @Test
  void theEpochBudgetIsNeverOverrunAndCutsTrialsShort() {
    TrialScheduler s = scheduler(spec(10, 100, ", \"epochBudget\": 25"), SchedulerState.INITIAL);
    assertEquals(10, assertInstanceOf(Decision.Start.class, s.next()).untilEpoch());
    assertEquals(10, assertInstanceOf(Decision.Start.class, s.next()).untilEpoch());
    assertEquals(5, assertInstanceOf(Decision.Start.class, s.next()).untilEpoch(), "only 5 epochs left");
    assertInstanceOf(Decision.Wait.class, s.next(), "all reserved, not yet spent");
    s.ended(new Observation(0, Map.of(), List.of(0.1), 10, true), 10);
    Decision.Stop stop = assertInstanceOf(Decision.Stop.class, s.reached(2, 5, 0.2));
    assertTrue(stop.reason().contains("search.epochBudget of 25 epochs is spent"), stop.reason());
    s.ended(new Observation(2, Map.of(), List.of(0.2), 5, true), 5);
    s.ended(new Observation(1, Map.of(), List.of(0.3), 10, true), 10);
    assertEquals(25, s.epochsTrained());
    assertInstanceOf(Decision.Done.class, s.next());
  }

  @Test
  void aRaisedEpochBudgetStartsTrialsAgainAndCommittedEpochsCountReservations() {
    TrialScheduler s = scheduler(spec(10, 100, ", \"epochBudget\": 10"), SchedulerState.INITIAL);
    assertEquals(10, assertInstanceOf(Decision.Start.class, s.next()).untilEpoch());
    assertEquals(10, s.epochsCommitted(), "reserved by the running trial, not yet trained");
    s.ended(new Observation(0, Map.of(), List.of(0.1), 10, true), 10);
    assertEquals(10, s.epochsCommitted());
    assertInstanceOf(Decision.Done.class, s.next(), "spent");
    s.setEpochBudget(25L);
    assertEquals(10, assertInstanceOf(Decision.Start.class, s.next()).untilEpoch());
    assertEquals(5, assertInstanceOf(Decision.Start.class, s.next()).untilEpoch(), "15 left: 10, then 5");
    assertEquals(25, s.epochsCommitted());
    s.setEpochBudget(null);
    assertEquals(10, assertInstanceOf(Decision.Start.class, s.next()).untilEpoch(), "no limit");
  }

  @Test
  void aSchedulerRebuiltFromItsStateDecidesAsTheOriginalWould() {
    SweepSpec spec = spec(9, 40, ", \"earlyStopping\": {\"type\": \"hyperband\"}");
    TrialScheduler original = scheduler(spec, SchedulerState.INITIAL);
    List<Decision> before = drive(original, 0, 20);
    TrialScheduler rebuilt = scheduler(spec, original.state());
    assertEquals(original.state(), rebuilt.state());
    assertEquals(drive(original, 20, 40), drive(rebuilt, 20, 40));
    assertEquals(20, before.stream().filter(d -> d instanceof Decision.Start).count());
  }

  /** Starts trials from {@code from}, reports each at its target with a loss from its index, ends it. */
  private static List<Decision> drive(TrialScheduler s, int from, int to) {
    List<Decision> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      Decision d = s.next();
      out.add(d);
      int until = ((Decision.Start) d).untilEpoch();
      double loss = ((i * 37) % 11) / 11.0;
      while (true) {
        Decision r = s.reached(i, until, loss - until * 0.01);
        out.add(r);
        if (r instanceof Decision.Continue c) {
          until = c.untilEpoch();
        } else {
          break;
        }
        if (until == 9) {
          break;
        }
      }
      s.ended(new Observation(i, Map.of(), List.of(loss), until, true), until);
    }
    return out;
  }
}
