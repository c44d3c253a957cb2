package dev.modelsweep.client;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the Temporal service is and how to connect to it securely. Immutable; build with {@link
 * #newBuilder()}.
 *
 * <p>Plaintext by default, for the embedded service on 127.0.0.1. Setting any TLS file, a server
 * name or an API key turns TLS on; it cannot be turned off while one of them is set, so an API
 * key is never sent in the clear. {@link #toString()} never shows the API key.
 *
 * @param target host:port of the Temporal frontend; default {@code 127.0.0.1:7233}
 * @param namespace Temporal namespace; default {@code default}
 * @param tls connect over TLS; default false, true whenever any option below is set
 * @param caCertificate PEM bundle of the certificate authorities trusted to sign the server's
 *     certificate; default null: the JVM's trust store (right for Temporal Cloud)
 * @param clientCertificate PEM certificate chain this client presents (mutual TLS); default null:
 *     none. Needs {@code clientKey}
 * @param clientKey unencrypted PKCS#8 PEM private key ({@code BEGIN PRIVATE KEY}) of {@code
 *     clientCertificate}; default null. Needs {@code clientCertificate}
 * @param serverName name the server's certificate is checked against, and the HTTP/2 authority
 *     sent, instead of the host in {@code target}; for connecting by IP address or through a
 *     tunnel. Default null: the host in {@code target}
 * @param apiKey API key sent as {@code authorization: Bearer <key>} on every call (Temporal Cloud
 *     style); default null: none
 */
public record ConnectionOptions(
    String target,
    String namespace,
    boolean tls,
    Path caCertificate,
    Path clientCertificate,
    Path clientKey,
    String serverName,
    String apiKey) {

  public static final String DEFAULT_TARGET = "127.0.0.1:7233";
  public static final String DEFAULT_NAMESPACE = "default";

  public ConnectionOptions {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(namespace, "namespace");
    if ((clientCertificate == null) != (clientKey == null)) {
      throw new IllegalArgumentException(
          clientCertificate == null
              ? "clientKey is set but clientCertificate is not: mutual TLS needs both"
              : "clientCertificate is set but clientKey is not: mutual TLS needs both");
    }
    if (serverName != null && serverName.isBlank()) {
      throw new IllegalArgumentException("serverName is blank");
    }
    if (apiKey != null && !isHeaderToken(apiKey)) {
      // The key itself stays out of the message: messages end up in logs.
      throw new IllegalArgumentException(
          "apiKey must be non-empty printable ASCII without spaces (check for a stray newline)");
    }
    tls = tls || caCertificate != null || clientCertificate != null || serverName != null
        || apiKey != null;
  }

  public static ConnectionOptions getDefaultInstance() {
    return newBuilder().build();
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  /** True when this client presents a certificate (mutual TLS). */
  public boolean mutualTls() {
    return clientCertificate != null;
  }

  /** Everything but the API key, which shows only as set or not. */
  @Override
  public String toString() {
    return "ConnectionOptions[target=" + target + ", namespace=" + namespace + ", tls=" + tls
        + ", caCertificate=" + caCertificate + ", clientCertificate=" + clientCertificate
        + ", clientKey=" + clientKey + ", serverName=" + serverName
        + ", apiKey=" + (apiKey == null ? "none" : "<redacted>") + "]";
  }

  /** A gRPC header value: visible ASCII, as a bearer token is. */
  private static boolean isHeaderToken(String value) {
    return !value.isEmpty() && value.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }

  /** Builder for {@link ConnectionOptions}. */
  public static final class Builder {
    private String target = DEFAULT_TARGET;
    private String namespace = DEFAULT_NAMESPACE;
    private boolean tls;
    private Path caCertificate;
    private Path clientCertificate;
    private Path clientKey;
    private String serverName;
    private String apiKey;

    private Builder() {}

    /** host:port of the Temporal frontend; default {@code 127.0.0.1:7233}. */
    public Builder setTarget(String target) {
      this.target = target;
      return this;
    }

    /** Temporal namespace; default {@code default}. */
    public Builder setNamespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    /**
     * TLS with the JVM's trust store and no client certificate; default false. Implied by every
     * setter below.
     */
    public Builder setTls(boolean tls) {
      this.tls = tls;
      return this;
    }

    /** PEM bundle of the CAs that sign the server's certificate; default the JVM's trust store. */
    public Builder setCaCertificate(Path caCertificate) {
      this.caCertificate = caCertificate;
      return this;
    }

    /**
     * Mutual TLS: this client's PEM certificate chain and its unencrypted PKCS#8 PEM key; default
     * none. Both or neither.
     */
    public Builder setClientCertificate(Path certificateChain, Path privateKey) {
      this.clientCertificate = certificateChain;
      this.clientKey = privateKey;
      return this;
    }

    /** Name to verify the server's certificate against; default the host in the target. */
    public Builder setServerName(String serverName) {
      this.serverName = serverName;
      return this;
    }

    /** API key sent as a bearer token; default none. Turns TLS on. */
    public Builder setApiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    public ConnectionOptions build() {
      return new ConnectionOptions(
          target, namespace, tls, caCertificate, clientCertificate, clientKey, serverName, apiKey);
    }
  }
}
