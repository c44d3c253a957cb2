package dev.modelsweep.worker.tls;

import static dev.modelsweep.worker.tls.TlsFixtures.capture;
import static dev.modelsweep.worker.tls.TlsFixtures.mutualTls;
import static dev.modelsweep.worker.tls.TlsFixtures.ping;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.trial.TrialResult;
import dev.modelsweep.worker.EmbeddedTemporal;
import dev.modelsweep.worker.SweepWorker;
import dev.modelsweep.worker.WorkerConfig;
import dev.modelsweep.worker.cli.ModelSweepCli;
import dev.modelsweep.worker.tls.TlsFixtures.Captured;
import dev.modelsweep.workflow.SweepResult;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps, workers and the CLI over TLS and mutual TLS, on the embedded service with real gRPC. */
class TlsEndToEndTest {

  /** ModelSweepCli.EXIT_UNREACHABLE, which is package-private there. */
  private static final int EXIT_UNREACHABLE = 3;

  @TempDir static Path dir;
  static TestPki pki;

  @BeforeAll
  static void makeCertificates() {
    pki = TestPki.create(dir);
  }

  @Test
  void sweepRunsToCompletionWithWorkerAndClientOnMutualTls() throws Exception {
    try (EmbeddedTemporal server = TlsFixtures.mutualTlsServer(pki);
        SweepClient workerConnection = SweepClient.connect(mutualTls(pki, server).build());
        SweepWorker worker = SweepWorker.start(workerConnection.workflowClient(),
            WorkerConfig.newBuilder().setArtifactRoot(dir.resolve("runs")).setTrainingSlots(1).build());
        SweepClient client = SweepClient.connect(mutualTls(pki, server).build())) {
      SweepResult result = client.start(TlsFixtures.SPEC).result(Duration.ofSeconds(60));
      assertEquals(2, result.trials().size(), result.toString());
      for (TrialResult trial : result.trials()) {
        assertEquals(TrialResult.Status.COMPLETED, trial.status(), trial.toString());
      }
    }
  }

  @Test
  void cliStartsWatchesAndReportsASweepOverMutualTls() throws Exception {
    Path spec = Files.writeString(dir.resolve("iris.json"), TlsFixtures.SPEC);
    try (EmbeddedTemporal server = TlsFixtures.mutualTlsServer(pki);
        SweepClient workerConnection = SweepClient.connect(mutualTls(pki, server).build());
        SweepWorker worker = SweepWorker.start(workerConnection.workflowClient(),
            WorkerConfig.newBuilder().setArtifactRoot(dir.resolve("runs")).setTrainingSlots(1).build())) {
      String[] tls = {"--target", server.target(), "--tls-ca", pki.caCertificate.toString(),
          "--tls-cert", pki.client.certificate().toString(),
          "--tls-key", pki.client.key().toString()};
      Captured<Integer> started = capture(() -> ModelSweepCli.run(concat("start", spec.toString(), tls)));
      assertEquals(0, started.value(), started.text());
      String[] words = started.text().trim().split("\\s+");
      String id = words[words.length - 1];
      assertTrue(id.startsWith("iris-tls-"), started.text());

      Captured<Integer> watched = capture(() -> ModelSweepCli.run(concat("watch", id, tls)));
      assertEquals(0, watched.value(), watched.text());
      Captured<Integer> status = capture(() -> ModelSweepCli.run(concat("status", id, tls)));
      assertEquals(0, status.value(), status.text());
      assertTrue(status.text().startsWith("completed"), status.text());

      // The same command without a client certificate is refused, and says why.
      Captured<Integer> refused = capture(() -> ModelSweepCli.run(
          "status", id, "--target", server.target(), "--tls-ca", pki.caCertificate.toString()));
      assertEquals(EXIT_UNREACHABLE, refused.value(), refused.text());
      assertTrue(refused.text().contains("client certificate"), refused.text());
    }
  }

  @Test
  void devWithTargetRunsItsWorkerAndSweepOverMutualTls() throws Exception {
    Path spec = Files.writeString(dir.resolve("iris-dev.json"), TlsFixtures.SPEC);
    try (EmbeddedTemporal server = TlsFixtures.mutualTlsServer(pki)) {
      Captured<Integer> out = capture(() -> ModelSweepCli.run("dev", spec.toString(),
          "--artifacts", dir.resolve("runs").toString(), "--slots", "1",
          "--target", server.target(), "--tls-ca", pki.caCertificate.toString(),
          "--tls-cert", pki.client.certificate().toString(),
          "--tls-key", pki.client.key().toString()));
      assertEquals(0, out.value(), out.text());
      assertTrue(out.text().contains("Temporal at " + server.target()), out.text());
      assertTrue(out.text().contains("completed"), out.text());
    }
  }

  @Test
  void serverOnlyTlsNeedsJustTheCa() {
    try (EmbeddedTemporal server = EmbeddedTemporal.start(0,
            new EmbeddedTemporal.Tls(pki.server.certificate(), pki.server.key(), null));
        SweepClient client = SweepClient.connect(ConnectionOptions.newBuilder()
            .setTarget(server.target()).setCaCertificate(pki.caCertificate).build())) {
      ping(client);
    }
  }

  @Test
  void serverNameChecksTheCertificateAgainstThatName() {
    try (EmbeddedTemporal server = EmbeddedTemporal.start(0,
        new EmbeddedTemporal.Tls(pki.namedServer.certificate(), pki.namedServer.key(), null))) {
      ConnectionOptions.Builder byIp = ConnectionOptions.newBuilder()
          .setTarget(server.target()).setCaCertificate(pki.caCertificate);
      try (SweepClient client = SweepClient.connect(byIp.build())) {
        StatusRuntimeException mismatch =
            assertThrows(StatusRuntimeException.class, () -> ping(client));
        assertTrue(mismatch.getMessage().contains("does not name the host"), mismatch.getMessage());
      }
      try (SweepClient client =
          SweepClient.connect(byIp.setServerName(TestPki.OTHER_NAME).build())) {
        ping(client);
      }
    }
  }

  private static String[] concat(String command, String argument, String[] options) {
    String[] all = new String[options.length + 2];
    all[0] = command;
    all[1] = argument;
    System.arraycopy(options, 0, all, 2, options.length);
    return all;
  }
}
