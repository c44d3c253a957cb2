package dev.modelsweep.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
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

  private static TrialScheduler scheduler(SweepSpec spec, TrialScheduler.Order order) {
    return new TrialScheduler(spec, Samplers.create(spec), EarlyStoppings.create(spec), SchedulerState.INITIAL, order);
  }

  private static final String ASHA = ", \"earlyStopping\": {\"type\": \"asha\"}";

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
  void ashaInArrivalOrderDecidesAtOnceAtEachRungAndKeepsTheBestThird() {
    TrialScheduler s = scheduler(spec(9, 10, ASHA), TrialScheduler.Order.ARRIVAL);
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

  @Test
  void aTrialThatReachesARungBeforeAnEarlierOneIsHeldWithoutItsSlotAndJudgedAfterIt() {
    TrialScheduler s = scheduler(spec(9, 10, ASHA), TrialScheduler.Order.TRIAL);
    s.next();
    s.next();
    // Trial 1 reaches rung 1 first: trial 0 will report there too, so trial 1 waits, slot freed.
    assertEquals(new Decision.Hold(1), s.reached(1, 1, 0.9));
    assertEquals(1, s.trainingCount());
    assertEquals(2, s.runningCount());
    assertEquals(2, assertInstanceOf(Decision.Start.class, s.next()).index(), "the freed slot starts the next trial");
    // Trial 0 goes on as the first at its rung; then trial 1 is judged against it, as one slot
    // would have judged it. In arrival order it would have gone on, as the first there.
    assertEquals(new Decision.Continue(0, 3), s.reached(0, 1, 0.5));
    Decision.Stop stop = s.releasedStops().get(0);
    assertEquals(1, stop.index());
    assertTrue(stop.reason().startsWith("stopped by asha at epoch 1: 1 of the 2 trials"), stop.reason());
    assertEquals(List.of(), s.releasedStops(), "each stop is handed out once");
  }

  @Test
  void aHeldTrialJudgedToContinueWaitsForASlotAndEarlierTrialsGoFirst() {
    TrialScheduler s = scheduler(spec(9, 10, ASHA), TrialScheduler.Order.TRIAL);
    for (int i = 0; i < 3; i++) {
      s.next();
    }
    assertEquals(new Decision.Hold(1), s.reached(1, 1, 0.1));
    assertEquals(new Decision.Hold(2), s.reached(2, 1, 0.05));
    assertEquals(new Decision.Continue(0, 3), s.reached(0, 1, 0.5));
    assertEquals(List.of(), s.releasedStops(), "both beat trial 0");
    assertEquals(1, s.trainingCount(), "judged to continue, they still wait for slots");
    assertEquals(3 + 3 * 2, s.epochsCommitted(), "3 trained, and 2 reserved by each of the three going on");
    assertEquals(Optional.of(new Decision.Continue(1, 3)), s.nextReady(), "in trial order");
    assertEquals(Optional.of(new Decision.Continue(2, 3)), s.nextReady());
    assertEquals(Optional.empty(), s.nextReady());
    assertEquals(3, s.trainingCount());
  }

  @Test
  void closingStopsHeldAndWaitingTrialsAtOnce() {
    TrialScheduler s = scheduler(spec(9, 10, ASHA), TrialScheduler.Order.TRIAL);
    for (int i = 0; i < 4; i++) {
      s.next();
    }
    s.reached(1, 1, 0.1);
    s.reached(0, 1, 0.5);
    assertEquals(new Decision.Hold(3), s.reached(3, 1, 0.2), "trial 2 has yet to report at epoch 1");
    assertEquals(List.of(), s.releasedStops());
    assertEquals(2, s.trainingCount(), "trial 1 waits for a slot, trial 3 to be judged");
    s.close("stopped: the sweep was stopped");
    assertEquals(List.of(1, 3), s.releasedStops().stream().map(Decision.Stop::index).toList());
    assertEquals(Optional.empty(), s.nextReady());
    assertEquals(s.runningCount(), s.trainingCount(), "nothing waits any more");
  }

  /**
   * Drives sweeps of each early-stopping type through random interleavings: trials train at
   * different speeds on 2 to 4 slots. In trial order every trial ends exactly as with one slot
   * (same epochs, same reason), no slot is left free while a trial could use it, and a state
   * carried mid-way (the codec included) decides as the original. In arrival order some do not,
   * which shows the comparison can fail.
   */
  @Test
  void inTrialOrderEarlyStoppingDecidesAsOneSlotWouldWhateverTheSlotsAndSpeeds() {
    int arrivalDiffers = 0;
    for (String rule : List.of(ASHA, ", \"earlyStopping\": {\"type\": \"hyperband\"}",
        ", \"earlyStopping\": {\"type\": \"median\", \"minTrials\": 2}")) {
      SweepSpec spec = spec(9, 40, rule);
      Map<Integer, String> oneSlot = simulate(spec, TrialScheduler.Order.TRIAL, 1, 0);
      assertEquals(40, oneSlot.size());
      assertTrue(oneSlot.values().stream().anyMatch(o -> o.contains("stopped by")), rule + ": nothing stopped");
      for (int seed = 1; seed <= 12; seed++) {
        int slots = 2 + seed % 3;
        assertEquals(oneSlot, simulate(spec, TrialScheduler.Order.TRIAL, slots, seed), rule + ", seed " + seed);
        if (!oneSlot.equals(simulate(spec, TrialScheduler.Order.ARRIVAL, slots, seed))) {
          arrivalDiffers++;
        }
      }
    }
    assertTrue(arrivalDiffers > 0, "arrival order always matched one slot: the interleavings are too tame");
  }

  /**
   * Runs a sweep on {@code slots} simulated slots, each trial {@code 1..8} time units an epoch
   * (seeded; all equal for seed 0), losses from the trial and epoch alone; stops end a trial at
   * once. Halfway, the scheduler is rebuilt from its encoded state. Returns how each trial ended.
   */
  private static Map<Integer, String> simulate(SweepSpec spec, TrialScheduler.Order order, int slots, long seed) {
    TrialScheduler s = scheduler(spec, order);
    Random random = new Random(seed);
    Map<Integer, Integer> speed = new HashMap<>();
    Map<Integer, long[]> training = new TreeMap<>(); // index -> {from epoch, target, finish time}
    Map<Integer, String> outcome = new TreeMap<>();
    long now = 0;
    boolean rebuilt = false;
    while (true) {
      // Fill the free slots: waiting continues first, then new trials.
      boolean done = false;
      while (s.trainingCount() < slots) {
        Optional<Decision.Continue> ready = s.nextReady();
        if (ready.isPresent()) {
          int i = ready.get().index();
          int from = s.running(i).reached();
          training.put(i, new long[] {from, ready.get().untilEpoch(), now + (ready.get().untilEpoch() - from) * speed.get(i)});
          continue;
        }
        Decision next = s.next();
        if (next instanceof Decision.Start start) {
          speed.put(start.index(), seed == 0 ? 1 : 1 + random.nextInt(8));
          training.put(start.index(), new long[] {0, start.untilEpoch(), now + start.untilEpoch() * speed.get(start.index())});
        } else {
          done = next instanceof Decision.Done;
          break;
        }
      }
      assertEquals(training.size(), s.trainingCount(), "the scheduler counts the trials in slots");
      if (done && s.runningCount() == 0) {
        return outcome;
      }
      if (!rebuilt && outcome.size() >= 20) {
        s = new TrialScheduler(spec, Samplers.create(spec), EarlyStoppings.create(spec),
            SchedulerStateCodec.decode(SchedulerStateCodec.encode(s.state())), order);
        rebuilt = true;
      }
      int next = training.entrySet().stream().min(Comparator.comparingLong(
          (Map.Entry<Integer, long[]> e) -> e.getValue()[2]).thenComparing(Map.Entry::getKey)).orElseThrow().getKey();
      long[] t = training.remove(next);
      now = t[2];
      int epoch = (int) t[1];
      double loss = (((next * 7919L + epoch * 104729L) % 1000) / 1000.0) / epoch;
      List<Decision.Stop> stops = new ArrayList<>();
      if (epoch == s.running(next).epochs()) {
        stops.add(new Decision.Stop(next, "completed"));
      } else {
        Decision d = s.reached(next, epoch, loss);
        if (d instanceof Decision.Continue c) {
          training.put(next, new long[] {epoch, c.untilEpoch(), now + (c.untilEpoch() - epoch) * speed.get(next)});
        } else if (d instanceof Decision.Stop stop) {
          stops.add(stop);
        }
      }
      stops.addAll(s.releasedStops());
      for (int k = 0; k < stops.size(); k++) {
        Decision.Stop stop = stops.get(k);
        int reached = s.running(stop.index()).reached();
        outcome.put(stop.index(), reached + ": " + stop.reason());
        s.ended(new Observation(stop.index(), Map.of(), List.of(loss), reached, true), reached);
        stops.addAll(s.releasedStops());
      }
    }
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
