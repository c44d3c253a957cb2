package dev.modelsweep.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Metadata;
import io.grpc.Status;
import io.temporal.serviceclient.GrpcMetadataProvider;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection options: defaults, what turns TLS on, validation, redaction, and the stubs built. */
class ConnectionOptionsTest {

  private static final Path CERT = Path.of("client.pem");
  private static final Path KEY = Path.of("client-key.pem");
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  @TempDir Path dir;

  @Test
  void defaultIsPlaintextToTheLocalService() {
    ConnectionOptions options = ConnectionOptions.getDefaultInstance();
    assertEquals("127.0.0.1:7233", options.target());
    assertEquals("default", options.namespace());
    assertFalse(options.tls());
    assertFalse(options.mutualTls());
    assertNull(options.apiKey());
    WorkflowServiceStubsOptions stubs = SweepClient.serviceStubsOptions(options);
    assertNull(stubs.getSslContext());
    assertFalse(stubs.getEnableHttps());
  }

  @Test
  void everyTlsSettingTurnsTlsOnAndNoneLetsItBeTurnedOff() {
    assertTrue(builder().setTls(true).build().tls());
    assertTrue(builder().setCaCertificate(CERT).build().tls());
    assertTrue(builder().setClientCertificate(CERT, KEY).build().tls());
    assertTrue(builder().setServerName("temporal.internal").build().tls());
    // An API key must never travel in the clear.
    assertTrue(builder().setApiKey("k").setTls(false).build().tls());
  }

  @Test
  void certificateWithoutKeyNamesClientKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> builder().setClientCertificate(CERT, null).build());
    assertTrue(e.getMessage().startsWith("clientCertificate is set but clientKey is not"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> builder().setClientCertificate(null, KEY).build());
    assertTrue(e.getMessage().startsWith("clientKey is set but clientCertificate is not"),
        e.getMessage());
  }

  @Test
  void apiKeyThatCannotBeAHeaderIsRejectedWithoutRepeatingIt() {
    String key = "secret-with-newline\n";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> builder().setApiKey(key).build());
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> builder().setApiKey("").build());
  }

  @Test
  void toStringRedactsTheApiKey() {
    ConnectionOptions options = builder()
        .setTarget("ns.tmprl.cloud:7233")
        .setClientCertificate(CERT, KEY)
        .setApiKey("sk_live_do_not_print")
        .build();
    String text = options.toString();
    assertFalse(text.contains("do_not_print"), text);
    assertTrue(text.contains("apiKey=<redacted>"), text);
    assertTrue(text.contains("ns.tmprl.cloud:7233"), text);
    assertTrue(builder().build().toString().contains("apiKey=none"));
  }

  @Test
  void apiKeyGoesOutAsABearerTokenOverTls() {
    WorkflowServiceStubsOptions stubs =
        SweepClient.serviceStubsOptions(builder().setApiKey("k-123").build());
    assertNotNull(stubs.getSslContext());
    assertTrue(stubs.getSslContext().isClient());
    Metadata headers = new Metadata();
    for (GrpcMetadataProvider provider : stubs.getGrpcMetadataProviders()) {
      headers.merge(provider.getMetadata());
    }
    assertEquals("Bearer k-123", headers.get(AUTHORIZATION));
    assertFalse(stubs.toString().contains("k-123"), "the SDK's options print no key");
  }

  @Test
  void serverNameOverridesTheAuthority() {
    WorkflowServiceStubsOptions stubs =
        SweepClient.serviceStubsOptions(builder().setServerName("temporal.internal").build());
    assertNotNull(stubs.getChannelInitializer());
    assertNull(SweepClient.serviceStubsOptions(builder().setTls(true).build()).getChannelInitializer());
  }

  @Test
  void unreadableTlsFilesAreNamed() throws Exception {
    Path missing = dir.resolve("missing-ca.pem");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SweepClient.serviceStubsOptions(builder().setCaCertificate(missing).build()));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());

    Path notPem = Files.writeString(dir.resolve("cert.pem"), "not a certificate");
    e = assertThrows(IllegalArgumentException.class, () -> SweepClient.serviceStubsOptions(
        builder().setClientCertificate(notPem, notPem).build()));
    assertTrue(e.getMessage().contains("client certificate " + notPem), e.getMessage());
  }

  @Test
  void handshakeFailuresSayWhy() {
    Status explained = SweepClient.ConnectionFailureExplainer.explain(Status.UNAVAILABLE
        .withDescription("io exception")
        .withCause(new SSLHandshakeException("General OpenSslEngine problem")
            .initCause(new Exception("PKIX path building failed: unable to find valid "
                + "certification path to requested target"))), true);
    assertTrue(explained.getDescription().contains("not signed by a trusted CA"),
        explained.getDescription());
    assertNotNull(explained.getCause());

    Status other = Status.UNAVAILABLE.withDescription("connection refused");
    assertEquals(other, SweepClient.ConnectionFailureExplainer.explain(other, true));
    assertEquals(other, SweepClient.ConnectionFailureExplainer.explain(other, false));
  }

  @Test
  void aPlaintextClientHungUpOnIsToldToTryTls() {
    Status closed = Status.UNAVAILABLE.withDescription("Network closed for unknown reason");
    String said = SweepClient.ConnectionFailureExplainer.explain(closed, false).getDescription();
    assertTrue(said.contains("if it serves TLS") && said.contains("--tls"), said);
    assertEquals(closed, SweepClient.ConnectionFailureExplainer.explain(closed, true));
  }

  private static ConnectionOptions.Builder builder() {
    return ConnectionOptions.newBuilder();
  }
}
