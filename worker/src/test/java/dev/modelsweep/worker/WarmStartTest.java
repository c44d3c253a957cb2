package dev.modelsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelsweep.spec.Metrics;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.trial.TrialResult;
import dev.modelsweep.workflow.SweepResult;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code search.warmStart} through the real workflow, real training and real result folders: the
 * earlier sweep's trials reach the sampler as observations, recorded in history once; a sweep
 * that searched another space, or none that finished, fails at once naming the field.
 */
class WarmStartTest {

  @RegisterExtension final SweepTestEnvironment env = new SweepTestEnvironment(dev.modelsweep.activities.Limits.NONE, false);

  private static String spec(String name, String widths, String warmStart) {
    return """
        {"name": "%s", "seed": 5, "dataset": "iris", "model": {"family": "mlp"}, "training": {"epochs": 2},
         "search": {"strategy": "random", "trials": 3, %s "space": {
           "model.width": {"type": "choice", "values": %s},
           "optimizer.learningRate": {"type": "float", "min": 0.001, "max": 0.1, "log": true}}}}
        """.formatted(name, warmStart == null ? "" : "\"warmStart\": " + warmStart + ",", widths);
  }

  @Test
  void anEarlierSweepsTrialsBecomePriorObservationsByIdOrFolder() throws Exception {
    SweepResult earlier = env.client.start(SpecParser.parse(spec("earlier", "[8, 16]", null)), "earlier").result();
    assertEquals(3, earlier.trials().size());

    String byId = env.startRaw(spec("later", "[8, 16]", "[\"earlier\"]"));
    env.temporal.getWorkflowClient().newUntypedWorkflowStub(byId).getResult(SweepResult.class);
    JsonNode priors = warmStartResult(byId);
    assertEquals(3, priors.size(), priors.toString());
    Map<Integer, Double> valAccuracy = earlier.trials().stream()
        .collect(Collectors.toMap(TrialResult::index, t -> t.metric(Metrics.VAL_ACCURACY)));
    for (JsonNode prior : priors) {
      // Maximized val_accuracy becomes a loss: negated.
      assertEquals(-valAccuracy.get(prior.get("index").asInt()), prior.get("losses").get(0).asDouble(), 1e-12);
      assertEquals(2, prior.get("epochs").asInt());
    }

    String byFolder = env.startRaw(spec("later", "[8, 16]", new ObjectMapper().writeValueAsString(List.of(earlier.artifacts()))));
    env.temporal.getWorkflowClient().newUntypedWorkflowStub(byFolder).getResult(SweepResult.class);
    assertEquals(priors, warmStartResult(byFolder));
  }

  @Test
  void anotherSpaceOrNoFinishedSweepFailsAtOnceNamingTheField() {
    env.client.start(SpecParser.parse(spec("earlier", "[8, 16]", null)), "earlier").result();

    String failure = env.failureOf(env.startRaw(spec("other", "[8, 32]", "[\"earlier\"]")));
    assertTrue(failure.contains("$.search.warmStart[0]"), failure);
    assertTrue(failure.contains("$.search.space['model.width']"), failure);

    failure = env.failureOf(env.startRaw(spec("none", "[8, 16]", "[\"never-ran\"]")));
    assertTrue(failure.contains("$.search.warmStart[0]") && failure.contains("no finished sweep"), failure);

    failure = env.failureOf(env.startRaw(spec("outside", "[8, 16]", "[\"/etc/passwd\"]")));
    assertTrue(failure.contains("$.search.warmStart[0]") && failure.contains("outside the artifact root"), failure);

    failure = env.failureOf(env.startRaw(spec("bad", "[8, 16]", "[\"\"]")));
    assertTrue(failure.contains("$.search.warmStart[0]"), failure);
  }

  /** What the warm-start activity returned, as recorded in the sweep's history. */
  private JsonNode warmStartResult(String sweepId) throws Exception {
    List<HistoryEvent> events = env.temporal.getWorkflowClient().fetchHistory(sweepId).getEvents();
    long scheduled = events.stream().filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .filter(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals("WarmStart"))
        .findFirst().orElseThrow().getEventId();
    HistoryEvent completed = events.stream().filter(HistoryEvent::hasActivityTaskCompletedEventAttributes)
        .filter(e -> e.getActivityTaskCompletedEventAttributes().getScheduledEventId() == scheduled)
        .findFirst().orElseThrow();
    return new ObjectMapper().readTree(
        completed.getActivityTaskCompletedEventAttributes().getResult().getPayloads(0).getData().toStringUtf8());
  }
}
