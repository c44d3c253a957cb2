package dev.modelsweep.worker.cli;

import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.worker.metrics.WorkerMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --target}, {@code --namespace} and the {@link Tls} options, shared by every command that
 * talks to Temporal.
 */
final class TargetOptions {

  @Option(
      names = "--target",
      defaultValue = "${env:MODELSWEEP_TARGET:-${env:TEMPORAL_ADDRESS:-" + ConnectionOptions.DEFAULT_TARGET + "}}",
      description = "Temporal frontend host:port (default: ${DEFAULT-VALUE}; env MODELSWEEP_TARGET, then "
          + "TEMPORAL_ADDRESS as the Temporal CLI reads it).")
  String target;

  @Option(
      names = "--namespace",
      defaultValue = "${env:MODELSWEEP_NAMESPACE:-${env:TEMPORAL_NAMESPACE:-" + ConnectionOptions.DEFAULT_NAMESPACE + "}}",
      description = "Temporal namespace (default: ${DEFAULT-VALUE}; env MODELSWEEP_NAMESPACE, then TEMPORAL_NAMESPACE).")
  String namespace;

  @Mixin Tls tls;

  ConnectionOptions connection() {
    return tls.connection(
        ConnectionOptions.newBuilder().setTarget(target).setNamespace(namespace));
  }

  SweepClient connect() {
    return tls.connect(connection());
  }

  /** {@link #connect()}, reporting the SDK's metrics to {@code metrics} (null: none). */
  SweepClient connect(WorkerMetrics metrics) {
    return tls.connect(connection(), metrics);
  }

  /**
   * TLS, mutual TLS and API-key options. Plaintext unless one is given. The API key is read from a
   * file or the environment, never taken as a flag value: that would show in {@code ps} and in
   * shell history.
   */
  static final class Tls {

    /** Holds the API key itself, as the Temporal CLI's TEMPORAL_API_KEY does. */
    static final String API_KEY_ENV = "MODELSWEEP_API_KEY";

    /** Read after {@link #API_KEY_ENV}, as the Temporal CLI reads it. */
    static final String TEMPORAL_API_KEY_ENV = "TEMPORAL_API_KEY";

    private static final List<String> NAMES = List.of(
        "--tls", "--tls-ca", "--tls-cert", "--tls-key", "--tls-server-name", "--api-key-file");

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--tls",
        description = "Connect over TLS, trusting the JVM's CAs (default: plaintext). Implied by "
            + "every other --tls option and by an API key.")
    boolean tls;

    @Option(names = "--tls-ca", paramLabel = "FILE", defaultValue = "${env:MODELSWEEP_TLS_CA}",
        description = "PEM bundle of the CAs that sign the server's certificate (default: the "
            + "JVM's trust store; env MODELSWEEP_TLS_CA).")
    Path ca;

    @Option(names = "--tls-cert", paramLabel = "FILE", defaultValue = "${env:MODELSWEEP_TLS_CERT}",
        description = "Client certificate chain (PEM) for mutual TLS; needs --tls-key "
            + "(env MODELSWEEP_TLS_CERT).")
    Path cert;

    @Option(names = "--tls-key", paramLabel = "FILE", defaultValue = "${env:MODELSWEEP_TLS_KEY}",
        description = "Private key of --tls-cert, unencrypted PKCS#8 PEM (BEGIN PRIVATE KEY) "
            + "(env MODELSWEEP_TLS_KEY).")
    Path key;

    @Option(names = "--tls-server-name", paramLabel = "NAME",
        description = "Verify the server's certificate against NAME instead of the target's host.")
    String serverName;

    @Option(names = "--api-key-file", paramLabel = "FILE",
        description = "File holding an API key, sent as a bearer token over TLS (default: env "
            + API_KEY_ENV + ", then " + TEMPORAL_API_KEY_ENV + ", which hold the key itself).")
    Path apiKeyFile;

    /** Adds these options to {@code builder} and builds, or fails naming the bad option. */
    ConnectionOptions connection(ConnectionOptions.Builder builder) {
      if ((cert == null) != (key == null)) {
        throw usage(cert == null
            ? "--tls-key needs --tls-cert: the certificate the key belongs to"
            : "--tls-cert needs --tls-key: the certificate's private key (PKCS#8 PEM)");
      }
      requireReadable("--tls-ca", ca);
      requireReadable("--tls-cert", cert);
      requireReadable("--tls-key", key);
      requireReadable("--api-key-file", apiKeyFile);
      if (cert != null) {
        builder.setClientCertificate(cert, key);
      }
      try {
        return builder
            .setTls(tls)
            .setCaCertificate(ca)
            .setServerName(serverName)
            .setApiKey(apiKey())
            .build();
      } catch (IllegalArgumentException e) {
        throw usage(e.getMessage());
      }
    }

    /** Connects, turning unreadable certificates and keys into a usage error. */
    SweepClient connect(ConnectionOptions connection) {
      return connect(connection, null);
    }

    /** {@link #connect(ConnectionOptions)} with the SDK's metrics reported to {@code metrics} (null: none). */
    SweepClient connect(ConnectionOptions connection, WorkerMetrics metrics) {
      try {
        return SweepClient.connect(connection, metrics == null ? null : metrics.scope());
      } catch (IllegalArgumentException e) {
        throw usage(e.getMessage());
      }
    }

    /** The TLS and API-key flags typed on this command line (not those from the environment). */
    List<String> typed() {
      return NAMES.stream().filter(command.commandLine().getParseResult()::hasMatchedOption).toList();
    }

    private String apiKey() {
      if (apiKeyFile == null) {
        String fromEnv = System.getenv(API_KEY_ENV) != null ? System.getenv(API_KEY_ENV) : System.getenv(TEMPORAL_API_KEY_ENV);
        return fromEnv == null || fromEnv.isBlank() ? null : fromEnv.strip();
      }
      String fromFile;
      try {
        fromFile = Files.readString(apiKeyFile, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        // Names the file, never its content.
        throw usage("--api-key-file: cannot read " + apiKeyFile + ": " + e.getClass().getSimpleName());
      }
      if (fromFile.isEmpty()) {
        throw usage("--api-key-file: " + apiKeyFile + " is empty");
      }
      return fromFile;
    }

    private void requireReadable(String option, Path file) {
      if (file != null && !Files.isReadable(file)) {
        throw usage(option + ": cannot read " + file
            + (Files.exists(file) ? " (permissions)" : " (no such file)"));
      }
    }

    private ParameterException usage(String message) {
      return new ParameterException(command.commandLine(), message);
    }
  }
}
