package dev.modelsweep.worker.metrics;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;

/**
 * Prometheus metrics of one worker process, served on {@code http://127.0.0.1:PORT/metrics}. Give
 * {@link #scope()} to the connection ({@link dev.modelsweep.client.SweepClient#connect(
 * dev.modelsweep.client.ConnectionOptions, Scope)}): the SDK then reports its own metrics
 * ({@code temporal_*}: workflow and activity task latencies, polls, failures) and ModelSweep's
 * ({@link dev.modelsweep.workflow.SweepMetrics}) through it into one registry.
 */
public final class WorkerMetrics implements AutoCloseable {

  /** How often the SDK's tally scope hands its counts to the registry. */
  private static final com.uber.m3.util.Duration REPORT_EVERY = com.uber.m3.util.Duration.ofSeconds(1);

  private final PrometheusMeterRegistry registry;
  private final Scope scope;
  private final Javalin server;

  private WorkerMetrics(PrometheusMeterRegistry registry, Scope scope, Javalin server) {
    this.registry = registry;
    this.scope = scope;
    this.server = server;
  }

  /**
   * Starts serving {@code /metrics} on 127.0.0.1.
   *
   * @param port the port, or 0 for any free one (see {@link #port()})
   */
  public static WorkerMetrics serve(int port) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Scope scope = new RootScopeBuilder()
        .reporter(new MicrometerClientStatsReporter(registry))
        .reportEvery(REPORT_EVERY);
    Javalin server = Javalin.create(config -> {
      config.jetty.host = "127.0.0.1";
      config.jetty.port = port;
      config.startup.showJavalinBanner = false;
      config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
          .result(registry.scrape()));
    });
    server.start();
    return new WorkerMetrics(registry, scope, server);
  }

  /** The scope to connect with; the SDK's and ModelSweep's metrics go through it. */
  public Scope scope() {
    return scope;
  }

  public int port() {
    return server.port();
  }

  /** {@code http://127.0.0.1:PORT/metrics}. */
  public String url() {
    return "http://127.0.0.1:" + port() + "/metrics";
  }

  @Override
  public void close() {
    try {
      scope.close();
    } catch (com.uber.m3.tally.ScopeCloseException e) {
      // Its last report is lost with the process anyway.
    }
    server.stop();
    registry.close();
  }
}
