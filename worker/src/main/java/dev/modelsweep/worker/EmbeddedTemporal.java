package dev.modelsweep.worker;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory Temporal service on a real gRPC port, bound to 127.0.0.1 only, for {@code
 * modelsweep dev} and {@code modelsweep server}. Workers and clients in other processes reach it
 * at {@link #target()}. It keeps nothing across its own restart; a real cluster does.
 *
 * <p>The SDK's {@code TestServer.createPortBoundServer} binds every interface, so the services are
 * wired onto a loopback-only Netty server here. Time skipping is locked off: timers and timeouts
 * run in real time, as on a real cluster.
 */
public final class EmbeddedTemporal implements AutoCloseable {

  private final TestServicesStarter services;
  private final Server server;

  private EmbeddedTemporal(TestServicesStarter services, Server server) {
    this.services = services;
    this.server = server;
  }

  /**
   * Starts the service on {@code 127.0.0.1:port}.
   *
   * @param port the port, or 0 for any free one (see {@link #port()})
   */
  public static EmbeddedTemporal start(int port) {
    TestServicesStarter services = new TestServicesStarter(true, 0);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(
            new InetSocketAddress("127.0.0.1", port), InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    try {
      return new EmbeddedTemporal(services, builder.build().start());
    } catch (IOException e) {
      services.close();
      throw new UncheckedIOException(
          "could not bind 127.0.0.1:" + port + " (in use? pick another with --port)", e);
    }
  }

  public int port() {
    return server.getPort();
  }

  /** host:port for {@code --target} and {@code ConnectionOptions}. */
  public String target() {
    return "127.0.0.1:" + port();
  }

  /** Blocks until the service is shut down (by another thread or the JVM's shutdown). */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    services.close();
  }
}
