package dev.modelsweep.worker.cli;

import dev.modelsweep.client.PipelineClient;
import dev.modelsweep.client.PipelineHandle;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.client.SweepStatus;
import io.temporal.client.WorkflowUpdateException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code approve} and {@code reject}: a person's decision on a waiting gate, sent as a Temporal Update. */
final class GateCommand {

  private GateCommand() {}

  /** {@code approve ID STAGE}. */
  @Command(mixinStandardHelpOptions = true, name = "approve",
      description = "Let a pipeline's waiting gate pass; the stages after it run.")
  static final class Approve implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID", description = "Pipeline id.") String id;
    @Parameters(index = "1", paramLabel = "STAGE", description = "The gate's stage id.") String stage;
    @Mixin TargetOptions target;

    @Override
    public Integer call() {
      return decide(target, id, stage, handle -> handle.approve(stage), "approved");
    }
  }

  /** {@code reject ID STAGE [--reason TEXT]}. */
  @Command(mixinStandardHelpOptions = true, name = "reject",
      description = "Fail a pipeline's waiting gate; the stages after it do not run.")
  static final class Reject implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID", description = "Pipeline id.") String id;
    @Parameters(index = "1", paramLabel = "STAGE", description = "The gate's stage id.") String stage;
    @Option(names = "--reason", paramLabel = "TEXT", description = "Why; shown as the gate's reason.") String reason;
    @Mixin TargetOptions target;

    @Override
    public Integer call() {
      return decide(target, id, stage, handle -> handle.reject(stage, reason), "rejected");
    }
  }

  private static int decide(TargetOptions target, String id, String stage,
      java.util.function.Consumer<PipelineHandle> send, String done) {
    try (SweepClient client = target.connect()) {
      PipelineHandle handle = PipelineClient.of(client.workflowClient()).handle(id);
      SweepStatus status = handle.status();
      if (status.state() != SweepStatus.State.RUNNING) {
        throw new IllegalArgumentException("pipeline " + id + " has ended (" + status.state().name().toLowerCase(
            java.util.Locale.ROOT) + "); only a running pipeline's waiting gate takes a decision");
      }
      try {
        send.accept(handle);
      } catch (WorkflowUpdateException e) {
        // The validator's refusal: no such stage, not a gate, not waiting.
        throw new IllegalArgumentException(ModelSweepCli.oneLine(e), e);
      }
      System.out.println(id + ": gate " + stage + " " + done);
      return 0;
    }
  }
}
