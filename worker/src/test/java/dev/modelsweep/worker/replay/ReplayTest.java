package dev.modelsweep.worker.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelsweep.pipeline.PipelineWorkflowImpl;
import dev.modelsweep.workflow.SweepWorkflowImpl;
import dev.modelsweep.workflow.TrialWorkflowImpl;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replays histories recorded from real runs ({@link RecordHistories}) against today's workflow
 * code. A change that would make running sweeps non-deterministic fails here, in CI, instead of
 * on a worker in the middle of the night.
 */
class ReplayTest {

  @Test
  void sweepWithPauseResumeAndAFailedTrial() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history("replay"), SweepWorkflowImpl.class);
  }

  @Test
  void completedTrial() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history("replay/t000"), TrialWorkflowImpl.class);
  }

  @Test
  void divergedTrial() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history("replay/t001"), TrialWorkflowImpl.class);
  }

  /** Each early-stopping type, and a sweep ended by the stop signal; each with one stopped trial. */
  @ParameterizedTest
  @CsvSource({"replay-asha, t006", "replay-hyperband, t006", "replay-median, t006", "replay-stop, t001"})
  void sweepAndItsStoppedTrial(String sweepId, String stoppedTrial) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history(sweepId), SweepWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecution(history(sweepId + "/" + stoppedTrial), TrialWorkflowImpl.class);
  }

  /**
   * A sweep paused, resumed and stopped by Updates, upserting its search attributes as it ran
   * (getVersion {@code search-attributes}).
   */
  @Test
  void sweepSteeredByUpdatesWithSearchAttributes() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history("replay-steered"), SweepWorkflowImpl.class);
  }

  /**
   * A pipeline recorded before validation moved to a local activity: validation is read back from
   * its side effect; stages and their activities replay.
   */
  @Test
  void pipelineOfASweepAndAnEvaluationValidatedInASideEffect() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history("replay-pipeline"), PipelineWorkflowImpl.class);
  }

  /** A gate that waited, the approve Update, its timer, and the promote after it. */
  @Test
  void pipelineWithAGateApprovedAndAPromote() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history("replay-gate"), PipelineWorkflowImpl.class);
  }

  /**
   * The same pipeline recorded with validation in a local activity: the replayer registers no
   * activities, so a replay that validated again would fail.
   */
  @Test
  void pipelineValidatedInALocalActivity() throws Exception {
    WorkflowExecutionHistory history = history(RecordHistories.PIPELINE_ID);
    List<String> markers = history.getEvents().stream().filter(HistoryEvent::hasMarkerRecordedEventAttributes)
        .map(e -> e.getMarkerRecordedEventAttributes().getMarkerName()).toList();
    assertEquals(List.of("Version", "LocalActivity"), markers, "one version marker, one validation");
    WorkflowReplayer.replayWorkflowExecution(history, PipelineWorkflowImpl.class);
  }

  /** The recorded history under its real workflow id, which child workflow ids derive from. */
  private static WorkflowExecutionHistory history(String workflowId) throws IOException {
    String resource = "/histories/" + workflowId.replace('/', '-') + ".json";
    try (InputStream in = ReplayTest.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no recorded history " + resource + "; run RecordHistories");
      }
      return WorkflowExecutionHistory.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), workflowId);
    }
  }
}
