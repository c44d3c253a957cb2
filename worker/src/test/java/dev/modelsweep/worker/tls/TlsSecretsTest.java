package dev.modelsweep.worker.tls;

import static dev.modelsweep.worker.tls.TlsFixtures.capture;
import static dev.modelsweep.worker.tls.TlsFixtures.mutualTls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.activities.store.s3.S3Proxy;
import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.worker.EmbeddedTemporal;
import dev.modelsweep.worker.SweepWorker;
import dev.modelsweep.worker.WorkerConfig;
import dev.modelsweep.worker.cli.ModelSweepCli;
import dev.modelsweep.worker.tls.TlsFixtures.Captured;
import dev.modelsweep.workflow.SweepResult;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An API key and a client private key are used for a whole sweep, yet show up in no workflow
 * history (the sweep's and every trial's), no output, no log line and no artifact; and so do the
 * artifact store's credentials.
 */
class TlsSecretsTest {

  @TempDir Path dir;

  @Test
  void apiKeyAndClientKeyAppearInNoHistoryOutputLogOrArtifact() throws Exception {
    TestPki pki = TestPki.create(dir);
    String apiKey = "msk_" + UUID.randomUUID().toString().replace("-", "");
    Path artifacts = dir.resolve("runs");
    List<String> secrets = secrets(apiKey, pki.client.key());

    try (EmbeddedTemporal server = TlsFixtures.mutualTlsServer(pki)) {
      ConnectionOptions options = mutualTls(pki, server).setApiKey(apiKey).build();
      assertTrue(options.tls());
      Captured<String> run = capture(() -> {
        System.out.println(options); // what a careless "connecting with ..." log line would print
        try (SweepClient workerConnection = SweepClient.connect(options);
            SweepWorker worker = SweepWorker.start(workerConnection.workflowClient(),
                WorkerConfig.newBuilder().setArtifactRoot(artifacts).setTrainingSlots(1).build());
            SweepClient client = SweepClient.connect(options)) {
          SweepResult result = client.start(TlsFixtures.SPEC).result(Duration.ofSeconds(60));
          assertEquals(2, result.trials().size(), result.toString());
          return histories(client.workflowClient(), result.sweepId());
        }
      });
      assertTrue(run.text().contains("apiKey=<redacted>"), run.text());
      assertNoSecret(secrets, "stdout, stderr and logs", run.text());
      assertNoSecret(secrets, "workflow histories", run.value());
      try (Stream<Path> files = Files.walk(artifacts)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          // Latin-1 reads any bytes: model weights are binary.
          assertNoSecret(secrets, file.toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
        }
      }
    }
  }

  /**
   * The embedded service ignores the authorization header, so a bare TLS server with a header
   * recording interceptor shows that the key does go out, as Temporal Cloud expects it.
   */
  @Test
  void apiKeyIsSentAsABearerTokenOverTls() throws Exception {
    TestPki pki = TestPki.create(dir);
    String apiKey = "msk_" + UUID.randomUUID();
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    ServerInterceptor recorder = new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        seen.add(String.valueOf(headers.get(AUTHORIZATION)));
        return next.startCall(call, headers);
      }
    };
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0),
            TlsServerCredentials.create(pki.server.certificate().toFile(), pki.server.key().toFile()))
        .addService(ServerInterceptors.intercept(new WorkflowServiceGrpc.WorkflowServiceImplBase() {}, recorder))
        .build()
        .start();
    try (SweepClient client = SweepClient.connect(ConnectionOptions.newBuilder()
        .setTarget("127.0.0.1:" + server.getPort())
        .setCaCertificate(pki.caCertificate)
        .setApiKey(apiKey)
        .build())) {
      StatusRuntimeException unimplemented =
          assertThrows(StatusRuntimeException.class, () -> TlsFixtures.ping(client));
      assertEquals(Status.Code.UNIMPLEMENTED, unimplemented.getStatus().getCode());
      assertEquals("Bearer " + apiKey, seen.poll(5, TimeUnit.SECONDS));
    } finally {
      server.shutdownNow();
    }
  }

  /**
   * gRPC logs every request header at debug; a CLI run with debug logging on, in its own JVM (the
   * log level is fixed when logging starts), takes its API key from the environment and prints
   * plenty, but not the key.
   */
  @Test
  void apiKeyStaysOutOfDebugLogs() throws Exception {
    TestPki pki = TestPki.create(dir);
    String apiKey = "msk_" + UUID.randomUUID().toString().replace("-", "");
    try (EmbeddedTemporal server = EmbeddedTemporal.start(0,
        new EmbeddedTemporal.Tls(pki.server.certificate(), pki.server.key(), null))) {
      ProcessBuilder cli = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Dmodelsweep.log.ROOT=trace",
          "-cp", System.getProperty("java.class.path"),
          ModelSweepCli.class.getName(),
          "status", "no-such-sweep", "--target", server.target(),
          "--tls-ca", pki.caCertificate.toString())
          .redirectErrorStream(true);
      cli.environment().put("MODELSWEEP_API_KEY", apiKey);
      Process process = cli.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(30, TimeUnit.SECONDS));
      assertTrue(output.contains("DEBUG"), "debug logging was on: " + output);
      assertTrue(output.contains("NOT_FOUND"), "the call got through TLS: " + output);
      assertNoSecret(List.of(apiKey), "debug output", output);
    }
  }

  /**
   * A worker with an S3 store (a real s3proxy) takes the store's credentials from the standard AWS
   * environment and runs a sweep with debug logging on, in its own JVM: the secret access key
   * shows up in no workflow history, no log line, no local artifact and no object in the store.
   */
  @Test
  void storeCredentialsAppearInNoHistoryLogOrArtifact() throws Exception {
    Path artifacts = dir.resolve("runs");
    Path log = dir.resolve("worker.log");
    try (S3Proxy proxy = S3Proxy.start(Files.createDirectories(dir.resolve("s3")));
        EmbeddedTemporal server = EmbeddedTemporal.start(0);
        SweepClient client = SweepClient.connect(ConnectionOptions.newBuilder().setTarget(server.target()).build())) {
      proxy.createBucket("secrets");
      ProcessBuilder cli = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Dmodelsweep.log.ROOT=debug",
          "-Dai.djl.offline=true",
          "-cp", System.getProperty("java.class.path"),
          ModelSweepCli.class.getName(),
          "worker", "--target", server.target(), "--artifacts", artifacts.toString(), "--slots", "1",
          "--store", "s3://secrets/runs")
          .redirectErrorStream(true).redirectOutput(log.toFile());
      cli.environment().putAll(proxy.environment());
      Process worker = cli.start();
      String histories;
      try {
        SweepResult result = client.start(TlsFixtures.SPEC).result(Duration.ofSeconds(120));
        assertEquals(2, result.trials().size(), result.toString());
        histories = histories(client.workflowClient(), result.sweepId());
      } finally {
        worker.destroy();
        worker.waitFor(10, TimeUnit.SECONDS);
      }
      List<String> secret = List.of(S3Proxy.SECRET_KEY);
      String output = Files.readString(log);
      assertTrue(output.contains("DEBUG"), "debug logging was on");
      assertTrue(Files.isDirectory(dir.resolve("s3/data/secrets/runs")), "the worker wrote to the store");
      assertNoSecret(secret, "the worker's output and logs", output);
      assertNoSecret(secret, "workflow histories", histories);
      for (Path root : List.of(artifacts, dir.resolve("s3/data"))) {
        try (Stream<Path> files = Files.walk(root)) {
          for (Path file : files.filter(Files::isRegularFile).toList()) {
            assertNoSecret(secret, file.toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
          }
        }
      }
    }
  }

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  /** The sweep's history and each trial child's, as JSON. */
  private static String histories(WorkflowClient client, String sweepId) {
    List<String> ids = new ArrayList<>(List.of(sweepId));
    for (HistoryEvent event : client.fetchHistory(sweepId).getEvents()) {
      if (event.hasChildWorkflowExecutionStartedEventAttributes()) {
        ids.add(event.getChildWorkflowExecutionStartedEventAttributes()
            .getWorkflowExecution().getWorkflowId());
      }
    }
    assertEquals(3, ids.size(), "a sweep and its two trials: " + ids);
    StringBuilder json = new StringBuilder();
    for (String id : ids) {
      json.append(client.fetchHistory(id).toJson(true)).append('\n');
    }
    return json.toString();
  }

  /** The API key, the key file whole, and each base64 line of it (JSON would escape newlines). */
  private static List<String> secrets(String apiKey, Path keyFile) {
    try {
      String pem = Files.readString(keyFile);
      List<String> secrets = new ArrayList<>(List.of(apiKey, pem));
      pem.lines().filter(line -> !line.startsWith("-----")).forEach(secrets::add);
      assertTrue(secrets.size() > 2, pem);
      return secrets;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertNoSecret(List<String> secrets, String where, String text) {
    for (String secret : secrets) {
      // The message never repeats the secret: test reports are logs too.
      assertFalse(text.contains(secret), "a secret appears in " + where);
    }
  }
}
