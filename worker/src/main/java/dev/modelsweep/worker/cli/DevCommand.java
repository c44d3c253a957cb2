package dev.modelsweep.worker.cli;

import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.client.SweepHandle;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.worker.EmbeddedTemporal;
import dev.modelsweep.worker.SweepWorker;
import dev.modelsweep.worker.WorkerConfig;
import dev.modelsweep.workflow.SweepResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Everything in one process: the embedded service (or, with {@code --target}, an existing one), a
 * worker and one sweep, start to finish.
 */
@Command(
    name = "dev",
    description = "Run a sweep on an embedded Temporal service with an in-process worker and show "
        + "the leaderboard at the end.")
final class DevCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "SPEC", description = "Sweep spec (JSON file).")
  Path spec;

  @Mixin WorkerOptions worker;

  @Option(names = "--port", defaultValue = "0",
      description = "Port of the embedded service on 127.0.0.1 (default: any free port).")
  int port;

  @Option(names = "--id", description = "Sweep id (default: the spec's name and a random suffix).")
  String id;

  @Option(names = "--target",
      description = "Use this Temporal service instead of starting the embedded one (host:port).")
  String target;

  @Option(names = "--namespace", defaultValue = "default",
      description = "Namespace, with --target (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Override
  public Integer call() throws Exception {
    SweepSpec sweepSpec = SpecFile.read(spec);
    WorkerConfig config = worker.config();
    try (EmbeddedTemporal temporal = target == null ? EmbeddedTemporal.start(port) : null;
        SweepClient client = SweepClient.connect(ConnectionOptions.newBuilder()
            .setTarget(temporal == null ? target : temporal.target())
            .setNamespace(namespace)
            .build());
        SweepWorker ignored = SweepWorker.start(client.workflowClient(), config)) {
      SweepHandle sweep = id == null ? client.start(sweepSpec) : client.start(sweepSpec, id);
      System.out.printf("sweep %s: %d training slot(s), %s%n", sweep.id(), config.trainingSlots(),
          temporal == null ? "Temporal at " + target : "embedded Temporal at " + temporal.target());
      SweepResult result = Watcher.follow(sweep, System.out);
      System.out.println();
      SweepPrinter.leaderboard(System.out, result.trials());
      System.out.println();
      System.out.println("results: " + result.artifacts());
      return 0;
    }
  }
}
