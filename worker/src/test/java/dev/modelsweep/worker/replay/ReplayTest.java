package dev.modelsweep.worker.replay;

import dev.modelsweep.pipeline.PipelineWorkflowImpl;
import dev.modelsweep.workflow.SweepWorkflowImpl;
import dev.modelsweep.workflow.TrialWorkflowImpl;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

  /** Validation is read back from the recorded side effect; stages and their activities replay. */
  @Test
  void pipelineOfASweepAndAnEvaluation() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history("replay-pipeline"), PipelineWorkflowImpl.class);
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
