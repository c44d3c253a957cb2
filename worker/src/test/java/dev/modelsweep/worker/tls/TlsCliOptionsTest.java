package dev.modelsweep.worker.tls;

import static dev.modelsweep.worker.tls.TlsFixtures.capture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.worker.cli.ModelSweepCli;
import dev.modelsweep.worker.tls.TlsFixtures.Captured;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wrong TLS options fail before anything connects, with picocli's usage exit code and a message
 * naming the option to fix.
 */
class TlsCliOptionsTest {

  /** picocli's exit code for a usage error. */
  private static final int EXIT_USAGE = 2;
  /** Nothing listens there: a command that got past option checks would fail differently. */
  private static final String NOWHERE = "127.0.0.1:1";

  @TempDir static Path dir;
  static TestPki pki;

  @BeforeAll
  static void makeCertificates() {
    pki = TestPki.create(dir);
  }

  @Test
  void clientCertificateWithoutKeyNamesTlsKey() throws Exception {
    assertUsageError("--tls-key",
        "status", "x", "--target", NOWHERE, "--tls-cert", pki.client.certificate().toString());
  }

  @Test
  void clientKeyWithoutCertificateNamesTlsCert() throws Exception {
    assertUsageError("--tls-cert",
        "status", "x", "--target", NOWHERE, "--tls-key", pki.client.key().toString());
  }

  @Test
  void missingFileNamesItsOption() throws Exception {
    assertUsageError("--tls-ca: cannot read",
        "status", "x", "--target", NOWHERE, "--tls-ca", dir.resolve("nope.pem").toString());
  }

  @Test
  void fileThatIsNotPemSaysWhichFile() throws Exception {
    Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");
    assertUsageError("cannot load the CA certificate bundle " + notPem,
        "status", "x", "--target", NOWHERE, "--tls-ca", notPem.toString());
  }

  @Test
  void emptyApiKeyFileIsAnError() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty-key"), "\n");
    assertUsageError("--api-key-file",
        "status", "x", "--target", NOWHERE, "--api-key-file", empty.toString());
  }

  @Test
  void apiKeyIsNotTakenAsAFlagValue() throws Exception {
    Captured<Integer> out = capture(() -> ModelSweepCli.run(
        "status", "x", "--target", NOWHERE, "--api-key", "secret"));
    assertEquals(EXIT_USAGE, out.value(), out.text());
    assertTrue(out.text().contains("--api-key-file"), "help lists the file option: " + out.text());
  }

  @Test
  void devTakesTlsOptionsOnlyWithTarget() throws Exception {
    Path spec = Files.writeString(dir.resolve("iris.json"), TlsFixtures.SPEC);
    assertUsageError("only with --target",
        "dev", spec.toString(), "--tls-ca", pki.caCertificate.toString());
  }

  @Test
  void serverCertificateWithoutKeyNamesTlsKey() throws Exception {
    assertUsageError("--tls-key",
        "server", "--port", "0", "--tls-cert", pki.server.certificate().toString());
  }

  @Test
  void serverClientCaAloneIsAnError() throws Exception {
    assertUsageError("--tls-client-ca needs --tls-cert",
        "server", "--port", "0", "--tls-client-ca", pki.caCertificate.toString());
  }

  private static void assertUsageError(String expected, String... args) throws Exception {
    Captured<Integer> out = capture(() -> ModelSweepCli.run(args));
    assertEquals(EXIT_USAGE, out.value(), out.text());
    assertTrue(out.text().contains(expected), out.text());
    assertFalse(out.text().contains("Exception"), "no stack trace: " + out.text());
  }
}
