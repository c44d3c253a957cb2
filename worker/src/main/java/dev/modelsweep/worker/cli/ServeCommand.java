package dev.modelsweep.worker.cli;

import dev.modelsweep.activities.registry.ModelRegistry;
import dev.modelsweep.worker.serve.ModelServer;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code serve NAME@ALIAS}: a registry model over the KServe / TensorFlow Serving V1 REST protocol. */
@Command(
    mixinStandardHelpOptions = true,
    name = "serve",
    description = "Serve a registry model: POST /v1/models/NAME:predict {\"instances\": [[...]]}, "
        + "GET /v1/models/NAME (readiness, metadata), GET / (liveness). Follows the alias: when it moves, "
        + "the new version is served without a restart and without failing a request.")
final class ServeCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "NAME@ALIAS", description = "digits@production (or digits@3 to pin a version).")
  String reference;

  @Option(names = "--port", defaultValue = "8500", description = "Port (default: ${DEFAULT-VALUE}; 0: any free port).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String host;

  @Option(names = "--max-body", paramLabel = "SIZE", converter = WorkerOptions.ByteSize.class, defaultValue = "1m",
      description = "Largest request body; a larger one gets 400 (default: ${DEFAULT-VALUE}).")
  long maxBody;

  @Option(names = "--poll-ms", defaultValue = "1000",
      description = "How often to look whether the alias moved, in ms (default: ${DEFAULT-VALUE}).")
  long pollMs;

  @Mixin RegistryOptions registryOptions;

  @Override
  public Integer call() throws Exception {
    if (pollMs < 1) {
      throw new IllegalArgumentException("--poll-ms: " + pollMs + " must be at least 1");
    }
    ModelRegistry registry = registryOptions.open();
    try (ModelServer server = RegistryOptions.usage(() -> ModelServer.start(registry, reference, host,
        port, Duration.ofMillis(pollMs), maxBody))) {
      String name = reference.contains("@") ? reference.substring(0, reference.indexOf('@')) : reference;
      System.out.printf("serving %s (version %d) on http://%s:%d/v1/models/%s, registry %s%n", reference,
          server.version(), host, server.port(), name, registry.location());
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      stopped.await();
      return 0;
    }
  }
}
