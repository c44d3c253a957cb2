package dev.modelsweep.spec;

import static dev.modelsweep.spec.SpecFixtures.assertOnly;
import static dev.modelsweep.spec.SpecFixtures.minimal;
import static dev.modelsweep.spec.SpecFixtures.parse;
import static dev.modelsweep.spec.SpecFixtures.put;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code objective.metrics}: several objectives, given one way and each once. */
class ObjectiveMetricsValidationTest {

  @Test
  void theFirstListedMetricRanksAndDirectionsDefaultAsForOne() {
    ObjectiveSpec o = parse(put(minimal(), "/objective/metrics",
        "[{'name': 'val_accuracy'}, {'name': 'latency_p95_ms'}]")).objectiveOrDefault();
    assertEquals("val_accuracy", o.metricOrDefault());
    assertEquals(ObjectiveSpec.Direction.MAXIMIZE, o.directionOrDefault());
    assertEquals(List.of(ObjectiveSpec.Direction.MAXIMIZE, ObjectiveSpec.Direction.MINIMIZE),
        o.metricsOrDefault().stream().map(ObjectiveMetric::directionOrDefault).toList());
  }

  @Test
  void metricsCannotBeCombinedWithMetric() {
    assertOnly(put(put(minimal(), "/objective/metrics", "[{'name': 'params'}]"), "/objective/metric", "'val_loss'"),
        "$.objective.metrics", "cannot be combined with objective.metric");
  }

  @Test
  void aMetricListedTwiceIsNamed() {
    assertOnly(put(minimal(), "/objective/metrics", "[{'name': 'params'}, {'name': 'params'}]"),
        "$.objective.metrics[1].name", "params is listed twice");
  }

  @Test
  void anUnknownMetricIsNamed() {
    assertOnly(put(minimal(), "/objective/metrics", "[{'name': 'test_accuracy'}]"),
        "$.objective.metrics[0].name", "val_accuracy");
  }
}
