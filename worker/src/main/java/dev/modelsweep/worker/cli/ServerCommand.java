package dev.modelsweep.worker.cli;

import dev.modelsweep.worker.EmbeddedTemporal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The embedded in-memory Temporal service alone, for workers and clients in other processes. */
@Command(name = "server",
    description = "Serve an in-memory Temporal service on 127.0.0.1 until stopped. It keeps "
        + "nothing across restarts: use a real cluster for that.")
final class ServerCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "7233", description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  @Override
  public Integer call() throws Exception {
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(port)) {
      Runtime.getRuntime().addShutdownHook(new Thread(temporal::close));
      System.out.println("Temporal (in memory) listening on " + temporal.target());
      temporal.awaitTermination();
    }
    return 0;
  }
}
