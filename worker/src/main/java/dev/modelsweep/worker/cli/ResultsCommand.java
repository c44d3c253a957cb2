package dev.modelsweep.worker.cli;

import dev.modelsweep.client.SweepClient;
import dev.modelsweep.client.SweepHandle;
import dev.modelsweep.client.SweepStatus;
import dev.modelsweep.trial.TrialResult;
import dev.modelsweep.workflow.SweepResult;
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
      description = "Print an object with `trials` (id, params, status, metrics), `best` and `paretoFront`; "
          + "for a pipeline, `status`, `failure` and `stages` (id, operator, status, metrics, model).")
  boolean json;

  @Override
  public Integer call() {
    try (SweepClient client = target.connect()) {
      if (PipelineCommands.isPipeline(client, id)) {
        return PipelineCommands.results(client, id, json, System.out);
      }
      SweepHandle sweep = client.handle(id);
      SweepStatus status = sweep.status();
      SweepResult result = status.state() == SweepStatus.State.COMPLETED ? sweep.result() : null;
      List<TrialResult> trials = result != null ? result.trials()
          : status.state() == SweepStatus.State.FAILED ? List.of() : sweep.leaderboard();
      List<String> front = result != null ? result.paretoFront() : List.of();
      if (json) {
        System.out.println(SweepPrinter.resultsJson(id, status, trials, front));
      } else {
        System.out.println(id + ": " + status);
        SweepPrinter.leaderboard(System.out, trials, front);
      }
      return status.state() == SweepStatus.State.FAILED ? 1 : 0;
    }
  }
}
