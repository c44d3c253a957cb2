package dev.modelsweep.worker;

import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.workflow.SweepSearchAttributes;
import io.grpc.InsecureServerCredentials;
import io.grpc.stub.StreamObserver;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.AddSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory Temporal service on a real gRPC port, bound to 127.0.0.1 only, for {@code
 * modelsweep dev} and {@code modelsweep server}. Workers and clients in other processes reach it
 * at {@link #target()}. It keeps nothing across its own restart; a real cluster does.
 *
 * <p>The SDK's {@code TestServer.createPortBoundServer} binds every interface, so the services are
 * wired onto a loopback-only Netty server here. Time skipping is locked off: timers and timeouts
 * run in real time, as on a real cluster.
 *
 * <p>It registers the sweeps' search attributes ({@link SweepSearchAttributes}) when it starts. Of
 * visibility it serves what the in-memory service has: the open and closed listings by id or type,
 * and each workflow's search attributes in its description; not the query language
 * ({@code ListWorkflowExecutions}), which {@code modelsweep list} therefore does without.
 *
 * <p>{@link #start(int, Tls)} serves TLS, or mutual TLS, for testing secured clients and workers
 * without a cluster.
 */
public final class EmbeddedTemporal implements AutoCloseable {

  /** Ports of the embedded services running in this JVM. */
  private static final Set<Integer> IN_THIS_PROCESS = ConcurrentHashMap.newKeySet();

  private final TestServicesStarter services;
  private final Server server;

  private EmbeddedTemporal(TestServicesStarter services, Server server) {
    this.services = services;
    this.server = server;
  }

  /**
   * Starts the service on {@code 127.0.0.1:port}, plaintext.
   *
   * @param port the port, or 0 for any free one (see {@link #port()})
   */
  public static EmbeddedTemporal start(int port) {
    return start(port, null);
  }

  /**
   * Starts the service on {@code 127.0.0.1:port}, over TLS when {@code tls} is given.
   *
   * @param port the port, or 0 for any free one (see {@link #port()})
   * @param tls the server's identity and, for mutual TLS, the CA of its clients; null: plaintext
   * @throws IllegalArgumentException when a TLS file cannot be read or parsed
   */
  public static EmbeddedTemporal start(int port, Tls tls) {
    ServerCredentials credentials =
        tls == null ? InsecureServerCredentials.create() : tls.credentials();
    // Before the services: a certificate that does not parse fails here, with nothing to undo.
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port), credentials);
    TestServicesStarter services = new TestServicesStarter(true, 0);
    registerSearchAttributes(services);
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    try {
      EmbeddedTemporal started = new EmbeddedTemporal(services, builder.build().start());
      IN_THIS_PROCESS.add(started.port());
      return started;
    } catch (IOException e) {
      services.close();
      throw new UncheckedIOException(
          "could not bind 127.0.0.1:" + port + " (in use? pick another with --port)", e);
    }
  }

  /**
   * Registers {@link SweepSearchAttributes} in the default namespace, as {@code temporal operator
   * search-attribute create} does on a cluster; sweeps upsert them as they run.
   */
  private static void registerSearchAttributes(TestServicesStarter services) {
    AddSearchAttributesRequest request = AddSearchAttributesRequest.newBuilder()
        .setNamespace(ConnectionOptions.DEFAULT_NAMESPACE)
        .putAllSearchAttributes(SweepSearchAttributes.definitions())
        .build();
    OperatorServiceGrpc.OperatorServiceImplBase operator = services.getServices().stream()
        .filter(OperatorServiceGrpc.OperatorServiceImplBase.class::isInstance)
        .map(OperatorServiceGrpc.OperatorServiceImplBase.class::cast)
        .findFirst().orElseThrow();
    operator.addSearchAttributes(request, new StreamObserver<>() {
      @Override
      public void onNext(AddSearchAttributesResponse response) {}

      @Override
      public void onError(Throwable t) {
        throw new IllegalStateException("cannot register the sweep search attributes: " + t.getMessage(), t);
      }

      @Override
      public void onCompleted() {}
    });
  }

  /**
   * TLS for the embedded service.
   *
   * @param certificateChain PEM certificate chain the server presents; its names (SAN) must match
   *     what clients connect to, e.g. IP 127.0.0.1 or DNS localhost
   * @param privateKey unencrypted PKCS#8 PEM key of {@code certificateChain}
   * @param clientCa PEM bundle of the CAs that sign client certificates; when set, every client
   *     must present one (mutual TLS). Null: any client may connect
   */
  public record Tls(Path certificateChain, Path privateKey, Path clientCa) {

    public Tls {
      Objects.requireNonNull(certificateChain, "certificateChain");
      Objects.requireNonNull(privateKey, "privateKey");
    }

    /** Mutual TLS when {@link #clientCa()} is set. */
    public boolean mutual() {
      return clientCa != null;
    }

    ServerCredentials credentials() {
      // These only read the files; Netty parses them in NettyServerBuilder.forAddress.
      TlsServerCredentials.Builder builder = TlsServerCredentials.newBuilder();
      try {
        builder.keyManager(certificateChain.toFile(), privateKey.toFile());
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot read the server certificate " + certificateChain + " or key " + privateKey
                + ": " + e.getMessage(), e);
      }
      if (clientCa != null) {
        try {
          builder.trustManager(clientCa.toFile());
        } catch (IOException e) {
          throw new IllegalArgumentException(
              "cannot read the client CA bundle " + clientCa + ": " + e.getMessage(), e);
        }
        builder.clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
      }
      return builder.build();
    }
  }

  public int port() {
    return server.getPort();
  }

  /** host:port for {@code --target} and {@code ConnectionOptions}. */
  public String target() {
    return "127.0.0.1:" + port();
  }

  /**
   * Whether {@code target} (host:port) is an embedded service running in this JVM. A worker in the
   * same process as its service dies with it, so the in-memory service's trap (it never times out
   * a dead worker's sticky queue) cannot hang a sweep there.
   */
  public static boolean servesInThisProcess(String target) {
    int colon = target.lastIndexOf(':');
    if (colon < 0) {
      return false;
    }
    String host = target.substring(0, colon);
    if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
      return false;
    }
    try {
      return IN_THIS_PROCESS.contains(Integer.parseInt(target.substring(colon + 1)));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Blocks until the service is shut down (by another thread or the JVM's shutdown). */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  @Override
  public void close() {
    IN_THIS_PROCESS.remove(port());
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    services.close();
  }
}
