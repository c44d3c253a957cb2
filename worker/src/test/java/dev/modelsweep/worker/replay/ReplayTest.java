package dev.modelsweep.worker.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.pipeline.PipelineWorkflowImpl;
import dev.modelsweep.spec.Metrics;
import dev.modelsweep.trial.TrainResult;
import dev.modelsweep.trial.TrialResult;
import dev.modelsweep.workflow.SweepWorkflowImpl;
import dev.modelsweep.workflow.TrialReport;
import dev.modelsweep.workflow.TrialWorkflowImpl;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replays histories recorded from real runs ({@link RecordHistories}) against today's workflow
 * code. A change that would make running sweeps non-deterministic fails here, in CI, instead of
 * on a worker in the middle of the night.
 */
class ReplayTest {

  private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();

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
   * A sweep whose trial 1 reached its first rung before trial 0 and was held, without its slot,
   * until trial 0 had been judged there (getVersion {@code judged-in-trial-order}); and that trial.
   */
  @Test
  void sweepThatHeldATrialUntilAnEarlierOneWasJudged() throws Exception {
    WorkflowExecutionHistory history = history(RecordHistories.HELD);
    int trial1Reported = -1;
    int trial0Reported = -1;
    int trial1Answered = -1;
    List<HistoryEvent> events = history.getEvents();
    for (int i = 0; i < events.size(); i++) {
      HistoryEvent e = events.get(i);
      if (e.hasWorkflowExecutionSignaledEventAttributes()
          && e.getWorkflowExecutionSignaledEventAttributes().getSignalName().equals("trialReached")) {
        TrialReport report = CONVERTER.fromPayload(e.getWorkflowExecutionSignaledEventAttributes().getInput()
            .getPayloads(0), TrialReport.class, TrialReport.class);
        if (report.metrics().epoch() == 1 && report.index() == 1 && trial1Reported < 0) {
          trial1Reported = i;
        } else if (report.metrics().epoch() == 1 && report.index() == 0 && trial0Reported < 0) {
          trial0Reported = i;
        }
      } else if (e.hasSignalExternalWorkflowExecutionInitiatedEventAttributes() && trial1Answered < 0
          && e.getSignalExternalWorkflowExecutionInitiatedEventAttributes().getWorkflowExecution().getWorkflowId()
              .equals(RecordHistories.HELD + "/t001")) {
        trial1Answered = i;
      }
    }
    assertTrue(trial1Reported >= 0 && trial1Reported < trial0Reported, "trial 1 did not reach epoch 1 first");
    assertTrue(trial1Answered > trial0Reported, "trial 1 was answered before trial 0 reported: it was not held");
    WorkflowReplayer.replayWorkflowExecution(history, SweepWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecution(history(RecordHistories.HELD + "/t001"), TrialWorkflowImpl.class);
  }

  /**
   * An asha sweep, and its trial t005, trained in three calls (to rungs 1 and 3, then on to its
   * last epoch), whose {@code train_seconds} is their sum (getVersion {@code
   * train-seconds-every-call}).
   */
  @Test
  void trialContinuedPastRungsCountsEveryTrainCall() throws Exception {
    String trialId = RecordHistories.CONTINUED + "/t005";
    WorkflowExecutionHistory history = history(trialId);
    Map<Long, String> scheduled = new HashMap<>();
    double trainCalls = 0;
    int calls = 0;
    TrialResult ended = null;
    for (HistoryEvent e : history.getEvents()) {
      if (e.hasActivityTaskScheduledEventAttributes()) {
        scheduled.put(e.getEventId(), e.getActivityTaskScheduledEventAttributes().getActivityType().getName());
      } else if (e.hasActivityTaskCompletedEventAttributes()
          && "Train".equals(scheduled.get(e.getActivityTaskCompletedEventAttributes().getScheduledEventId()))) {
        trainCalls += CONVERTER.fromPayload(e.getActivityTaskCompletedEventAttributes().getResult().getPayloads(0),
            TrainResult.class, TrainResult.class).trainSeconds();
        calls++;
      } else if (e.hasSignalExternalWorkflowExecutionInitiatedEventAttributes()
          && e.getSignalExternalWorkflowExecutionInitiatedEventAttributes().getSignalName().equals("trialEnded")) {
        ended = CONVERTER.fromPayload(e.getSignalExternalWorkflowExecutionInitiatedEventAttributes().getInput()
            .getPayloads(0), TrialResult.class, TrialResult.class);
      }
    }
    assertEquals(3, calls, "train calls");
    assertEquals(trainCalls, ended.metric(Metrics.TRAIN_SECONDS), 1e-9, "train_seconds is every call's");
    WorkflowReplayer.replayWorkflowExecution(history(RecordHistories.CONTINUED), SweepWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecution(history, TrialWorkflowImpl.class);
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
