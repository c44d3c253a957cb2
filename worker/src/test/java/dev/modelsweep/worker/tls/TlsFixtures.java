package dev.modelsweep.worker.tls;

import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.worker.EmbeddedTemporal;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** What the TLS tests share: a tiny sweep, servers and connections, and output capture. */
final class TlsFixtures {

  /** Two iris trials: about a second of real training. */
  static final String SPEC =
      """
      {"name": "iris-tls", "seed": 5, "dataset": "iris",
       "model": {"family": "mlp", "width": 8},
       "training": {"epochs": 25, "batchSize": "full"},
       "optimizer": {"type": "adam", "learningRate": 0.05},
       "search": {"strategy": "random", "trials": 2, "space": {
         "model.width": {"type": "choice", "values": [4, 8, 16]}}}}
      """;

  private TlsFixtures() {}

  /** The embedded service with the test server certificate, requiring clients signed by the CA. */
  static EmbeddedTemporal mutualTlsServer(TestPki pki) {
    return EmbeddedTemporal.start(0, new EmbeddedTemporal.Tls(
        pki.server.certificate(), pki.server.key(), pki.caCertificate));
  }

  /** Trusts the test CA and presents the test client certificate. */
  static ConnectionOptions.Builder mutualTls(TestPki pki, EmbeddedTemporal server) {
    return ConnectionOptions.newBuilder()
        .setTarget(server.target())
        .setCaCertificate(pki.caCertificate)
        .setClientCertificate(pki.client.certificate(), pki.client.key());
  }

  /** One real RPC: the cheapest call that proves the connection works, or throws why not. */
  static void ping(SweepClient client) {
    client.workflowClient().getWorkflowServiceStubs().blockingStub()
        .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
  }

  /** What a block printed to stdout and stderr (slf4j-simple logs there) and logged to JUL. */
  record Captured<T>(T value, String text) {}

  /**
   * Runs {@code body} with stdout, stderr and java.util.logging (gRPC's logger) captured together.
   * Not for parallel tests: System.out is global.
   */
  static synchronized <T> Captured<T> capture(Callable<T> body) throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream both = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    Logger root = Logger.getLogger("");
    Handler jul = new Handler() {
      private final SimpleFormatter format = new SimpleFormatter();

      @Override
      public void publish(LogRecord record) {
        both.print(format.format(record));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    jul.setLevel(Level.ALL);
    root.addHandler(jul);
    System.setOut(both);
    System.setErr(both);
    try {
      T value = body.call();
      return new Captured<>(value, buffer.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
      root.removeHandler(jul);
    }
  }
}
