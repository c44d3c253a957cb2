package dev.modelsweep.worker.cli;

import dev.modelsweep.client.SweepClient;
import dev.modelsweep.workflow.SweepResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Follows a sweep until it ends, then prints its leaderboard. Safe to interrupt and rerun. */
@Command(
    mixinStandardHelpOptions = true,
    name = "watch", description = "Follow a sweep's progress and print its leaderboard.")
final class WatchCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "ID", description = "Sweep or pipeline id.")
  String id;

  @Mixin TargetOptions target;

  @Option(names = "--json", description = "Show progress on stderr and print the `results --json` document when done.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    try (SweepClient client = target.connect()) {
      if (PipelineCommands.isPipeline(client, id)) {
        if (json) {
          PipelineCommands.watch(client, id, System.err);
          return PipelineCommands.results(client, id, true, System.out);
        }
        return PipelineCommands.watch(client, id, System.out);
      }
      SweepResult result = Watcher.follow(client.handle(id), json ? System.err : System.out);
      if (json) {
        System.out.println(SweepPrinter.resultsJson(id, client.handle(id).status(), result.trials(), result.paretoFront()));
        return 0;
      }
      SweepPrinter.leaderboard(System.out, result.trials(), result.paretoFront());
      System.out.println("results: " + result.artifacts());
      return 0;
    }
  }
}
