package dev.modelsweep.worker.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.client.FailureMessages;
import dev.modelsweep.client.PipelineClient;
import dev.modelsweep.client.PipelineHandle;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.client.SweepHandle;
import dev.modelsweep.client.SweepRefusedException;
import dev.modelsweep.pipeline.PipelineParser;
import dev.modelsweep.spec.SpecException;
import dev.modelsweep.spec.SpecParser;
import io.javalin.Javalin;
import io.temporal.client.WorkflowUpdateException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The web console on {@code http://127.0.0.1:PORT/}: one page ({@code index.html}, {@code
 * console.js}, and ECharts from its webjar, so it works offline) and a small JSON API over the
 * client and the artifact store. It binds the loopback interface only: whoever reaches it can start
 * and stop sweeps.
 *
 * <ul>
 *   <li>{@code GET /api/sweeps}: sweeps and pipelines ({@link SweepClient#list})
 *   <li>{@code GET /api/view?id=ID}: a {@link SweepView}
 *   <li>{@code GET /api/curves?id=ID&trial=T}: a trial's per-epoch metrics
 *   <li>{@code GET /api/schema?kind=sweep|pipeline}: the published JSON Schema
 *   <li>{@code POST /api/start} (a spec or pipeline document): {@code {id, kind}}, or 400 with
 *       {@code problems}: [{path, message}]
 *   <li>{@code POST /api/control?id=ID&action=pause|resume|stop}: {@code {state}}, or 409 with the
 *       sweep's reason for refusing
 *   <li>{@code POST /api/gate?id=ID&stage=S&decision=approve|reject[&reason=TEXT]}: a pipeline's
 *       waiting gate passes or fails ({@code {decision}}), or 409 with the pipeline's reason for
 *       refusing (no such stage, not a gate, not waiting)
 * </ul>
 */
public final class ConsoleServer implements AutoCloseable {

  /** Where the page's own files are, in the jar. */
  static final String PAGE = "/dev/modelsweep/console/";

  /** ECharts as its webjar ships it. */
  static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

  static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final Javalin server;

  private ConsoleServer(Javalin server) {
    this.server = server;
  }

  /**
   * Starts the console.
   *
   * @param client the connection to Temporal
   * @param artifactRoot the training workers' artifact root (trials' curves)
   * @param port the port on 127.0.0.1, or 0 for any free one
   */
  public static ConsoleServer start(SweepClient client, Path artifactRoot, int port) {
    SweepViews views = new SweepViews(client, new ArtifactStore(artifactRoot));
    Javalin server = Javalin.create(config -> {
      config.jetty.host = "127.0.0.1";
      config.jetty.port = port;
      config.startup.showJavalinBanner = false;
      config.routes.get("/", ctx -> ctx.contentType("text/html; charset=utf-8").result(resource(ConsolePage.INDEX)));
      config.routes.get("/assets/console.js", ctx -> ctx.contentType("text/javascript").result(resource(ConsolePage.SCRIPT)));
      config.routes.get("/assets/console.css", ctx -> ctx.contentType("text/css").result(resource(ConsolePage.CSS)));
      config.routes.get("/assets/echarts.min.js", ctx -> ctx.contentType("text/javascript").result(resource(ECHARTS)));
      config.routes.get("/api/sweeps", ctx -> json(ctx, client.list(200)));
      config.routes.get("/api/view", ctx -> json(ctx, views.of(required(ctx, "id"), false)));
      config.routes.get("/api/curves", ctx -> json(ctx, views.curve(required(ctx, "id"), required(ctx, "trial"))));
      config.routes.get("/api/schema", ctx -> ctx.contentType("application/json").result(
          "pipeline".equals(ctx.queryParam("kind")) ? resource("/dev/modelsweep/pipeline/pipeline.schema.json")
              : resource("/dev/modelsweep/spec/sweep-spec.schema.json")));
      config.routes.post("/api/start", ctx -> start(ctx, client));
      config.routes.post("/api/control", ctx -> control(ctx, client));
      config.routes.post("/api/gate", ctx -> gate(ctx, client));
      config.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
      config.routes.exception(Exception.class, (e, ctx) -> error(ctx, 500, String.valueOf(e.getMessage())));
    });
    server.start();
    return new ConsoleServer(server);
  }

  /** Validates the document against its schema and rules, then starts it; problems come back at their paths. */
  private static void start(Context ctx, SweepClient client) throws IOException {
    String document = ctx.body();
    try {
      if (PipelineParser.isPipeline(SpecParser.readTree(document))) {
        String id = PipelineClient.of(client.workflowClient()).start(PipelineParser.parse(document)).id();
        json(ctx, Map.of("id", id, "kind", "pipeline"));
      } else {
        json(ctx, Map.of("id", client.start(document).id(), "kind", "sweep"));
      }
    } catch (SpecException invalid) {
      ctx.status(400);
      json(ctx, Map.of("problems", invalid.problems()));
    }
  }

  private static void control(Context ctx, SweepClient client) throws IOException {
    SweepHandle sweep = client.handle(required(ctx, "id"));
    try {
      Enum<?> state = switch (required(ctx, "action")) {
        case "pause" -> sweep.pause();
        case "resume" -> sweep.resume();
        case "stop" -> sweep.stop();
        default -> throw new IllegalArgumentException("action: expected pause, resume or stop");
      };
      json(ctx, Map.of("state", state.name().toLowerCase(java.util.Locale.ROOT)));
    } catch (SweepRefusedException refused) {
      error(ctx, 409, refused.getMessage());
    }
  }

  /** A person's decision on a waiting gate: the pipeline's {@code approve} or {@code reject} Update. */
  private static void gate(Context ctx, SweepClient client) throws IOException {
    PipelineHandle pipeline = PipelineClient.of(client.workflowClient()).handle(required(ctx, "id"));
    String stage = required(ctx, "stage");
    String decision = required(ctx, "decision");
    try {
      switch (decision) {
        case "approve" -> pipeline.approve(stage);
        case "reject" -> pipeline.reject(stage, ctx.queryParam("reason"));
        default -> throw new IllegalArgumentException("decision: expected approve or reject");
      }
      json(ctx, Map.of("decision", decision));
    } catch (WorkflowUpdateException refused) {
      error(ctx, 409, FailureMessages.innermostMessage(refused));
    }
  }

  private static String required(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + ": missing; give ?" + name + "=...");
    }
    return value;
  }

  private static void json(Context ctx, Object value) throws IOException {
    ctx.contentType("application/json").result(JSON.writeValueAsString(value));
  }

  private static void error(Context ctx, int status, String message) {
    ctx.status(status).contentType("application/json");
    try {
      ctx.result(JSON.writeValueAsString(Map.of("error", message)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file from the jar. */
  static byte[] resource(String path) {
    try (InputStream in = ConsoleServer.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing from the jar: " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #resource(String)} as text. */
  static String text(String path) {
    return new String(resource(path), StandardCharsets.UTF_8);
  }

  public int port() {
    return server.port();
  }

  /** {@code http://127.0.0.1:PORT/}. */
  public String url() {
    return "http://127.0.0.1:" + port() + "/";
  }

  @Override
  public void close() {
    server.stop();
  }
}
