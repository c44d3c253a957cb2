package dev.modelsweep.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.search.Decision;
import dev.modelsweep.search.EarlyStoppings;
import dev.modelsweep.search.Observation;
import dev.modelsweep.search.Samplers;
import dev.modelsweep.search.TrialScheduler;
import dev.modelsweep.search.SchedulerState;
import dev.modelsweep.search.SchedulerStateCodec;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Measures the scheduler state a 10,000-trial sweep carries across continue-as-new. */
class CarriedStateSizeTest {

  @Test
  void tenThousandTrialsWithAsha() {
    SweepSpec spec = SpecParser.parse("""
        {"name": "big", "seed": 1, "dataset": "letter", "model": {"family": "mlp"}, "training": {"epochs": 27},
         "search": {"strategy": "random", "trials": 10000, "maxConcurrent": 8, "earlyStopping": {"type": "asha"},
           "space": {
             "model.depth": {"type": "int", "min": 1, "max": 3},
             "model.width": {"type": "choice", "values": [32, 64, 128, 256]},
             "model.activation": {"type": "choice", "values": ["relu", "tanh"]},
             "optimizer.type": {"type": "choice", "values": ["sgd", "momentum", "adam"]},
             "optimizer.learningRate": {"type": "float", "min": 0.0001, "max": 0.3, "log": true},
             "training.batchSize": {"type": "choice", "values": [32, 64, 128]}}}}
        """);
    TrialScheduler s = new TrialScheduler(spec, Samplers.create(spec), EarlyStoppings.create(spec), SchedulerState.INITIAL);
    for (int i = 0; i < 10_000; i++) {
      Decision.Start start = (Decision.Start) s.next();
      int epoch = start.untilEpoch();
      double loss = -0.5 - 0.4 * ((i * 7919L) % 1000) / 1000.0;
      Decision d = s.reached(i, epoch, loss);
      while (d instanceof Decision.Continue c && c.untilEpoch() < 27) {
        epoch = c.untilEpoch();
        d = s.reached(i, epoch, loss - 0.001 * epoch);
      }
      s.ended(new Observation(i, start.params(), List.of(loss), epoch, true), epoch);
    }
    SchedulerState state = s.state();
    assertEquals(10_000, state.observations().size());
    Payload json = DefaultDataConverter.newDefaultInstance().toPayload(state).orElseThrow();
    byte[] packed = SchedulerStateCodec.encode(state);
    Payload carried = DefaultDataConverter.newDefaultInstance().toPayload(packed).orElseThrow();
    System.out.printf("scheduler state of a 10,000-trial asha sweep (%d rung values): %,d bytes packed, "
            + "%,d bytes as the binary payload carried, %,d bytes as JSON%n",
        state.rungs().stream().mapToInt(r -> r.losses().size()).sum(), packed.length,
        carried.getData().size(), json.getData().size());
    assertEquals(state, SchedulerStateCodec.decode(packed), "packing must be exact");
    assertTrue(carried.getData().size() < 512 * 1024, "over 512 KB: " + carried.getData().size());
  }
}
