package dev.modelsweep.worker.cli;

import dev.modelsweep.client.SweepClient;
import dev.modelsweep.worker.console.ConsoleServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The web console, against any Temporal service, until stopped. */
@Command(
    mixinStandardHelpOptions = true,
    name = "console", description = "Serve the web console on 127.0.0.1 (its URL is the first line printed).")
final class ConsoleCommand implements Callable<Integer> {

  @Mixin TargetOptions target;

  @Option(names = "--port", defaultValue = "8233",
      description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0: any free port).")
  int port;

  @Mixin ArtifactsOption artifacts;

  @Override
  public Integer call() throws InterruptedException {
    Path root = artifacts.artifacts;
    try (SweepClient client = target.connect();
        ConsoleServer console = ConsoleServer.start(client, root, port)) {
      System.out.println("console at " + console.url());
      System.out.println("Temporal at " + target.target + " (namespace " + target.namespace + "), artifacts in "
          + root.toAbsolutePath().normalize() + "; Ctrl-C to stop");
      Shutdown.await();
    }
    return 0;
  }
}
