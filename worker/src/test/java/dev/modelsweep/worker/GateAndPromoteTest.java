package dev.modelsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.activities.registry.ModelCard;
import dev.modelsweep.activities.registry.ModelRegistry;
import dev.modelsweep.client.FailureMessages;
import dev.modelsweep.client.PipelineClient;
import dev.modelsweep.client.PipelineHandle;
import dev.modelsweep.pipeline.PipelineFixtures;
import dev.modelsweep.pipeline.PipelineParser;
import dev.modelsweep.pipeline.PipelineResult;
import dev.modelsweep.pipeline.StageState;
import dev.modelsweep.pipeline.StageStatus;
import dev.modelsweep.spec.Metrics;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gate and promote operators on the in-memory service with the real activities (iris): a gate
 * passes by itself when nothing holds the alias, else waits, and honours approve, reject and its
 * timeout; promote registers versions and moves the alias.
 */
class GateAndPromoteTest {

  @RegisterExtension final SweepTestEnvironment env = new SweepTestEnvironment();

  private PipelineHandle start(String json, String id) {
    return PipelineClient.of(env.temporal.getWorkflowClient()).start(PipelineParser.parse(json), id);
  }

  private static Map<String, StageState> byId(PipelineResult result) {
    return result.stages().stream().collect(Collectors.toMap(StageState::id, s -> s));
  }

  /** Polls the query (which does not let the test service skip time) until the gate waits. */
  private static StageState waitingGate(PipelineHandle pipeline) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      StageState gate = pipeline.stages().stream().filter(s -> s.id().equals("gate")).findFirst().orElse(null);
      if (gate != null && gate.status() == StageStatus.WAITING) {
        return gate;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the gate never waited: " + pipeline.stages());
  }

  /** The first promotion passes by itself: nothing holds the alias. */
  private void promoteFirstVersion() {
    PipelineResult first = start(PipelineFixtures.gated("first", ""), "first").result();
    assertTrue(byId(first).get("gate").reason().startsWith("passed by itself"), byId(first).get("gate").toString());
    assertEquals("iris@production -> version 1 (new alias)", byId(first).get("promote").reason());
  }

  @Test
  void passesByItselfThenWaitsAndHonoursApprove() throws Exception {
    promoteFirstVersion();
    ModelRegistry registry = env.registry();
    ModelCard card = registry.resolve("iris@production");
    assertEquals(1, card.version());
    assertEquals("first", card.lineage().pipeline());
    assertEquals("first/train", card.lineage().sweep());
    assertTrue(card.metrics().get(Metrics.TEST_ACCURACY) > 0.5, card.toString());
    assertTrue(card.latency().p95Ms() > 0 && card.throughputPerS() > 0, card.toString());
    assertEquals(64, card.datasetChecksum().length());

    // The same model again cannot beat itself by 0.5: the gate waits for a person.
    PipelineHandle second = start(PipelineFixtures.gated("second", ", \"margin\": 0.5"), "second");
    // While its train stage trains (a child sweep: seconds), the gate is pending, not waiting.
    while (second.stages().isEmpty()) {
      Thread.sleep(20);
    }
    WorkflowUpdateException early = assertThrows(WorkflowUpdateException.class, () -> second.approve("gate"));
    assertEquals("gate gate is not waiting for a decision (it is pending)",
        FailureMessages.innermostMessage(early));
    StageState gate = waitingGate(second);
    assertTrue(gate.reason().contains("does not beat iris@production (test_accuracy"), gate.reason());
    assertEquals(StageStatus.PENDING, second.stages().get(3).status(), "promote waits for the gate");

    WorkflowUpdateException unknown = assertThrows(WorkflowUpdateException.class, () -> second.approve("gat"));
    assertTrue(FailureMessages.innermostMessage(unknown).startsWith("no stage gat in this pipeline"),
        FailureMessages.innermostMessage(unknown));
    WorkflowUpdateException notGate = assertThrows(WorkflowUpdateException.class, () -> second.approve("train"));
    assertTrue(FailureMessages.innermostMessage(notGate).contains("is a train stage, not a gate"));

    second.approve("gate");
    PipelineResult approved = second.result();
    assertTrue(byId(approved).get("gate").reason().startsWith("approved by a person"), byId(approved).toString());
    assertEquals("iris@production -> version 2 (was version 1)", byId(approved).get("promote").reason());
    assertEquals(2, registry.resolve("iris@production").version());
  }

  @Test
  void rejectFailsTheGateAndPromotesNothing() throws Exception {
    promoteFirstVersion();
    PipelineHandle pipeline = start(PipelineFixtures.gated("rejected", ", \"maxParams\": 10"), "rejected");
    StageState gate = waitingGate(pipeline);
    assertTrue(gate.reason().contains("params 67 > maxParams 10"), gate.reason());
    pipeline.reject("gate", "too big for the phone");
    PipelineResult result = pipeline.outcome();
    assertEquals("rejected: too big for the phone", byId(result).get("gate").reason());
    assertEquals(StageStatus.FAILED, byId(result).get("promote").status());
    assertEquals(1, env.registry().versions("iris").size());
  }

  @Test
  void noDecisionWithinTheTimeoutIsAReject() throws Exception {
    promoteFirstVersion();
    // A timeout of 6 s: waiting for the result lets the test service skip time to the gate's timer,
    // and where it does not skip (a 30 min timeout once hung a CI run), 6 s still pass.
    PipelineHandle pipeline = start(PipelineFixtures.gated("timeout", ", \"margin\": 0.5, \"timeoutMinutes\": 0.1"), "timeout");
    assertTrue(waitingGate(pipeline).reason().startsWith("waiting for approve or reject (timeout 0.1 min)"));
    PipelineResult result = pipeline.outcome();
    assertEquals("rejected: no approve or reject within 0.1 min (timeoutMinutes)", byId(result).get("gate").reason());
    assertEquals(StageStatus.FAILED, byId(result).get("gate").status());
    assertEquals(1, env.registry().versions("iris").size());
  }
}
