package dev.modelsweep.worker.cli;

import dev.modelsweep.worker.EmbeddedTemporal;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The embedded in-memory Temporal service alone, for workers and clients in other processes. */
@Command(
    mixinStandardHelpOptions = true,
    name = "server",
    description = "Serve an in-memory Temporal service on 127.0.0.1 until stopped. It keeps "
        + "nothing across restarts: use a real cluster for that.")
final class ServerCommand implements Callable<Integer> {

  @Spec CommandSpec command;

  @Option(names = "--port", defaultValue = "7233", description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--tls-cert", paramLabel = "FILE",
      description = "Serve TLS with this PEM certificate chain; needs --tls-key (default: plaintext).")
  Path cert;

  @Option(names = "--tls-key", paramLabel = "FILE",
      description = "Private key of --tls-cert, unencrypted PKCS#8 PEM.")
  Path key;

  @Option(names = "--tls-client-ca", paramLabel = "FILE",
      description = "Mutual TLS: accept only clients whose certificate this PEM CA bundle signed. "
          + "Needs --tls-cert.")
  Path clientCa;

  @Override
  public Integer call() throws Exception {
    EmbeddedTemporal.Tls tls = tls();
    try (EmbeddedTemporal temporal = start(tls)) {
      Runtime.getRuntime().addShutdownHook(new Thread(temporal::close));
      System.out.println("Temporal (in memory) listening on " + temporal.target()
          + (tls == null ? "" : tls.mutual() ? " (mutual TLS)" : " (TLS)"));
      temporal.awaitTermination();
    }
    return 0;
  }

  private EmbeddedTemporal.Tls tls() {
    if (cert == null && key == null && clientCa == null) {
      return null;
    }
    if (cert == null || key == null) {
      throw new ParameterException(command.commandLine(), cert == null
          ? (key == null ? "--tls-client-ca needs --tls-cert and --tls-key" : "--tls-key needs --tls-cert")
          : "--tls-cert needs --tls-key: the certificate's private key (PKCS#8 PEM)");
    }
    return new EmbeddedTemporal.Tls(cert, key, clientCa);
  }

  private EmbeddedTemporal start(EmbeddedTemporal.Tls tls) {
    try {
      return EmbeddedTemporal.start(port, tls);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), e.getMessage());
    }
  }
}
