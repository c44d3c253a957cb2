package dev.modelsweep.worker.tls;

import static dev.modelsweep.worker.tls.TlsFixtures.mutualTls;
import static dev.modelsweep.worker.tls.TlsFixtures.ping;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.worker.EmbeddedTemporal;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mutual-TLS service turns away every client that cannot prove who it is, and a client turns
 * away a server it does not trust: each within seconds, as an UNAVAILABLE status, not a hang.
 */
class TlsRefusalTest {

  @TempDir static Path dir;
  static TestPki pki;
  static EmbeddedTemporal server;

  @BeforeAll
  static void start() {
    pki = TestPki.create(dir);
    server = TlsFixtures.mutualTlsServer(pki);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theRightCertificatesConnect() {
    try (SweepClient client = SweepClient.connect(mutualTls(pki, server).build())) {
      ping(client);
    }
  }

  @Test
  void clientWithoutACertificateIsRefused() {
    assertRefused(ConnectionOptions.newBuilder()
        .setTarget(server.target())
        .setCaCertificate(pki.caCertificate), "requires a client certificate");
  }

  @Test
  void clientThatDoesNotTrustTheServerRefusesIt() {
    assertRefused(mutualTls(pki, server).setCaCertificate(pki.strangerCaCertificate),
        "not signed by a trusted CA");
  }

  @Test
  void clientTrustingOnlyTheJvmTrustStoreRefusesATestCa() {
    assertRefused(ConnectionOptions.newBuilder()
        .setTarget(server.target())
        .setClientCertificate(pki.client.certificate(), pki.client.key()),
        "not signed by a trusted CA");
  }

  @Test
  void clientCertificateFromAnotherCaIsRefused() {
    assertRefused(mutualTls(pki, server)
        .setClientCertificate(pki.strangerClient.certificate(), pki.strangerClient.key()),
        "requires a client certificate");
  }

  @Test
  void plaintextClientIsRefused() {
    // No TLS alert reaches a plaintext client: the server just hangs up, and the client says
    // what that probably means.
    assertRefused(ConnectionOptions.newBuilder().setTarget(server.target()), "if it serves TLS");
  }

  /** Fails fast with UNAVAILABLE and a description containing {@code reason}. */
  private static void assertRefused(ConnectionOptions.Builder options, String reason) {
    try (SweepClient client = SweepClient.connect(options.build())) {
      StatusRuntimeException refused = assertTimeoutPreemptively(Duration.ofSeconds(5),
          () -> assertThrows(StatusRuntimeException.class, () -> ping(client)));
      assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode(), refused.toString());
      assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }
  }
}
