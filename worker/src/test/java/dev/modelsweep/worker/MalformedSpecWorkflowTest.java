package dev.modelsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.client.FailureMessages;
import dev.modelsweep.activities.Limits;
import dev.modelsweep.spec.MalformedSpecs;
import dev.modelsweep.spec.MalformedSpecs.Case;
import dev.modelsweep.workflow.SweepResult;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowFailedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every case of {@link MalformedSpecs} started as a real sweep, raw (encoding {@code json/plain}, as
 * the Web UI sends it), on a worker whose only data root is a temporary folder: each workflow must
 * fail within {@value #MAX_SECONDS} s with a message that names the broken field (for data files
 * outside the root, the data-roots message of {@code describeDataset}), and be closed as failed
 * afterwards, never left running. Broken data files ({@link MalformedSpecs#brokenDataFiles}) are
 * among them: each must fail naming the field, the file and the cause, not be retried.
 */
class MalformedSpecWorkflowTest {

  static final long MAX_SECONDS = 5;

  /** Real time: see {@link SweepTestEnvironment#SweepTestEnvironment(Limits, boolean)}. */
  @RegisterExtension final SweepTestEnvironment env = new SweepTestEnvironment(Limits.NONE, false);

  /** Where links from the data root lead: a folder outside it. */
  @TempDir Path outside;

  @Test
  void everyMalformedSpecFailsItsSweepAtOnceNamingTheField() {
    List<Case> cases = new ArrayList<>(MalformedSpecs.validation());
    cases.addAll(MalformedSpecs.dataRootEscapes(env.data, outside));
    cases.addAll(MalformedSpecs.brokenDataFiles(env.data));
    MalformedSpecs.Tally tally = new MalformedSpecs.Tally();
    long start = System.nanoTime();
    for (Case c : cases) {
      long t0 = System.nanoTime();
      String failure = verdict(c);
      tally.add(c, failure, (System.nanoTime() - t0) / 1_000_000);
    }
    String table = tally.table("malformed specs started raw as sweeps", (System.nanoTime() - start) / 1_000_000);
    System.out.println(table);
    assertTrue(tally.total() >= 500, "at least 500 cases, got " + tally.total());
    assertEquals(List.of(), tally.failures(), table);
  }

  /** Null when the sweep of {@code c} failed cleanly and promptly; else what went wrong. */
  private String verdict(Case c) {
    String id;
    try {
      id = env.startRaw(c.json());
    } catch (RuntimeException e) {
      return "not started: " + e;
    }
    String outcome;
    try {
      env.temporal.getWorkflowClient().newUntypedWorkflowStub(id).getResult(MAX_SECONDS, TimeUnit.SECONDS,
          SweepResult.class);
      outcome = "completed";
    } catch (WorkflowFailedException e) {
      String message = FailureMessages.innermostMessage(e);
      outcome = MalformedSpecs.lacking(c, message);
      if (outcome != null) {
        outcome += ": " + message;
      }
    } catch (TimeoutException e) {
      outcome = "still running after " + MAX_SECONDS + " s";
    } catch (RuntimeException e) {
      outcome = "crashed: " + e;
    }
    WorkflowExecutionStatus status = status(id);
    if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED) {
      return (outcome == null ? "" : outcome + "; ") + "left " + status;
    }
    return outcome;
  }

  private WorkflowExecutionStatus status(String workflowId) {
    return env.temporal.getWorkflowServiceStubs().blockingStub()
        .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace(env.temporal.getNamespace())
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
            .build())
        .getWorkflowExecutionInfo()
        .getStatus();
  }
}
