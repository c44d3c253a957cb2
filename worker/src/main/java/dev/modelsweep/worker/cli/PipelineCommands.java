package dev.modelsweep.worker.cli;

import dev.modelsweep.client.PipelineClient;
import dev.modelsweep.client.PipelineHandle;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.client.SweepFailedException;
import dev.modelsweep.client.SweepStatus;
import dev.modelsweep.pipeline.PipelineResult;
import dev.modelsweep.pipeline.PipelineSpec;
import dev.modelsweep.pipeline.StageRun;
import dev.modelsweep.pipeline.StageState;
import dev.modelsweep.pipeline.StageStatus;
import dev.modelsweep.activities.registry.ModelCard;
import dev.modelsweep.activities.registry.ModelRegistry;
import dev.modelsweep.pipeline.StageSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * What {@code dev}, {@code start}, {@code status}, {@code watch} and {@code results} do with a
 * pipeline; the commands hand over to these when the document has {@code stages} ({@code dev},
 * {@code start}) or the workflow is a pipeline ({@code status}, {@code watch}, {@code results}).
 */
final class PipelineCommands {

  /** Operators whose stages run a sweep as a child workflow. */
  private static final List<String> SWEEP_OPERATORS = List.of("sweep", "train", "finetune", "distill");

  private PipelineCommands() {}

  /** Whether the workflow {@code id} is a pipeline; a missing one fails as a missing sweep does. */
  static boolean isPipeline(SweepClient client, String id) {
    return PipelineClient.of(client.workflowClient()).isPipeline(id);
  }

  static PipelineHandle start(SweepClient client, PipelineSpec pipeline, String id) {
    PipelineClient pipelines = PipelineClient.of(client.workflowClient());
    return id == null ? pipelines.start(pipeline) : pipelines.start(pipeline, id);
  }

  /** {@code dev}: follows the pipeline to its end, prints the stage table; 0 when every stage completed. */
  static int dev(SweepClient client, PipelineSpec pipeline, String id, String header, ModelRegistry registry,
      PrintStream out) throws InterruptedException, IOException {
    PipelineHandle handle = start(client, pipeline, id);
    out.printf("pipeline %s: %s%n", handle.id(), header);
    int code = watch(client, handle.id(), out);
    printPromotions(handle.id(), pipeline, registry, out);
    return code;
  }

  /** Each version the pipeline's promote stages registered, with its card. */
  private static void printPromotions(String pipelineId, PipelineSpec pipeline, ModelRegistry registry, PrintStream out)
      throws IOException {
    for (StageSpec stage : pipeline.stages()) {
      if (!stage.operator().equals("promote")) {
        continue;
      }
      String name = stage.target().substring(0, stage.target().indexOf('@'));
      String key = StageRun.promotionKey(pipelineId, stage.id());
      for (ModelCard card : registry.versions(name)) {
        if (key.equals(card.promotionKey())) {
          out.printf("%npromoted %s: version %d (registry %s)%n", stage.target(), card.version(), registry.location());
          ModelsCommand.printCard(out, card, registry.aliases(name));
        }
      }
    }
  }

  /** {@code watch}: progress until the pipeline ends, then the stage table. */
  static int watch(SweepClient client, String id, PrintStream out) throws InterruptedException {
    PipelineHandle handle = PipelineClient.of(client.workflowClient()).handle(id);
    Watcher.untilDone(id, handle::status, () -> handle.stages(Watcher.QUERY_TIMEOUT).map(stages ->
        PipelinePrinter.progressLine(stages) + sweepProgress(client, id, stages)), out);
    PipelineResult result = handle.outcome();
    out.println();
    PipelinePrinter.table(out, result.stages());
    if (!result.failed().isEmpty()) {
      throw new SweepFailedException(id, handle.status().failure(), null);
    }
    return 0;
  }

  /**
   * The progress of the first running stage's sweep ({@code sweep} and {@code train} stages run
   * one), so that a long stage shows its trials; empty when no such stage runs or it does not
   * answer at once.
   */
  private static String sweepProgress(SweepClient client, String pipelineId, List<StageState> stages) {
    return stages.stream()
        .filter(s -> s.status() == StageStatus.RUNNING && SWEEP_OPERATORS.contains(s.operator()))
        .findFirst()
        .flatMap(s -> client.handle(StageRun.childId(pipelineId, s.id())).progress(Watcher.QUERY_TIMEOUT)
            .map(p -> "  |  " + s.id() + " " + SweepPrinter.progressLine(p)))
        .orElse("");
  }

  /** {@code status}: the workflow's state, and each stage's while it runs. */
  static int status(SweepClient client, String id, PrintStream out) {
    PipelineHandle handle = PipelineClient.of(client.workflowClient()).handle(id);
    SweepStatus status = handle.status();
    out.println(status);
    if (status.state() == SweepStatus.State.RUNNING) {
      handle.stages(Watcher.QUERY_TIMEOUT).ifPresentOrElse(
          stages -> PipelinePrinter.table(out, stages),
          () -> out.println("(no worker answered within " + Watcher.QUERY_TIMEOUT.toSeconds() + " s: are the workers up?)"));
    }
    return status.state() == SweepStatus.State.FAILED ? 1 : 0;
  }

  /** {@code results}: the stage table, or with {@code json} the results document. */
  static int results(SweepClient client, String id, boolean json, PrintStream out) {
    PipelineHandle handle = PipelineClient.of(client.workflowClient()).handle(id);
    SweepStatus status = handle.status();
    List<StageState> stages = switch (status.state()) {
      case RUNNING -> handle.stages(Watcher.QUERY_TIMEOUT).orElse(List.of());
      case COMPLETED, FAILED -> outcomeOrNone(handle);
      default -> List.of();
    };
    if (json) {
      out.println(PipelinePrinter.resultsJson(status, stages));
    } else {
      out.println(id + ": " + status);
      PipelinePrinter.table(out, stages);
    }
    return status.state() == SweepStatus.State.FAILED ? 1 : 0;
  }

  /** Every stage of an ended pipeline; none when it failed before running any (invalid document). */
  private static List<StageState> outcomeOrNone(PipelineHandle handle) {
    try {
      return handle.outcome().stages();
    } catch (SweepFailedException e) {
      return List.of();
    }
  }
}
