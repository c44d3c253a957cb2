package dev.modelsweep.worker.cli;

import dev.modelsweep.client.SweepClient;
import dev.modelsweep.client.SweepHandle;
import dev.modelsweep.client.SweepStatus;
import dev.modelsweep.trial.TrialResult;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The leaderboard of a running or finished sweep. */
@Command(
    mixinStandardHelpOptions = true,
    name = "results", description = "Print a sweep's trials, best first.")
final class ResultsCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "ID", description = "Sweep or pipeline id.")
  String id;

  @Mixin TargetOptions target;

  @Option(names = "--json",
      description = "Print an object with `trials` (id, params, status, metrics) and `best`; for a "
          + "pipeline, `status`, `failure` and `stages` (id, operator, status, metrics, model).")
  boolean json;

  @Override
  public Integer call() {
    try (SweepClient client = target.connect()) {
      if (PipelineCommands.isPipeline(client, id)) {
        return PipelineCommands.results(client, id, json, System.out);
      }
      SweepHandle sweep = client.handle(id);
      SweepStatus status = sweep.status();
      List<TrialResult> trials =
          status.state() == SweepStatus.State.COMPLETED ? sweep.result().trials()
              : status.state() == SweepStatus.State.FAILED ? List.of() : sweep.leaderboard();
      if (json) {
        System.out.println(SweepPrinter.resultsJson(id, status, trials));
      } else {
        System.out.println(id + ": " + status);
        SweepPrinter.leaderboard(System.out, trials);
      }
      return status.state() == SweepStatus.State.FAILED ? 1 : 0;
    }
  }
}
