package dev.modelsweep.worker.serve;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelsweep.activities.registry.ModelCard;
import dev.modelsweep.activities.registry.ModelRegistry;
import dev.modelsweep.activities.train.Predictor;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A registry model served over the KServe / TensorFlow Serving V1 REST protocol, on Javalin
 * (Jetty 12):
 *
 * <ul>
 *   <li>{@code POST /v1/models/NAME:predict} with {@code {"instances": [[...raw features...], ...]}}
 *       answers {@code {"predictions": [{"class", "class_index", "probabilities"}, ...]}}; the header
 *       {@value #VERSION_HEADER} names the version that answered;
 *   <li>{@code GET /v1/models/NAME}: readiness and metadata ({@code name}, {@code ready}, {@code
 *       version}, {@code alias}, {@code card});
 *   <li>{@code GET /}: liveness, {@code {"status": "alive"}}.
 * </ul>
 *
 * <p>A bad request gets 400 and {@code {"error": "..."}} naming the JSON path at fault: malformed
 * JSON, no {@code instances}, a row of the wrong length, a value that is not a number, a body over
 * the size limit. When the alias moves, the new version is loaded beside the old one and swapped
 * in; the old one is closed when its last request has answered, so no request fails.
 */
public final class ModelServer implements AutoCloseable {

  /** Response header naming the registry version that answered. */
  public static final String VERSION_HEADER = "ModelSweep-Model-Version";
  /** Default limit of a request body, in bytes: 1 MiB, some 1,500 digits rows. */
  public static final long DEFAULT_MAX_BODY = 1 << 20;
  /** Default interval between looks at the alias. */
  public static final Duration DEFAULT_POLL = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(ModelServer.class);
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final ModelRegistry registry;
  private final String name;
  private final String alias;
  private final long maxBody;
  private final AtomicReference<LoadedModel> current = new AtomicReference<>();
  private final ScheduledExecutorService watcher;
  private final Javalin app;

  private ModelServer(ModelRegistry registry, String name, String alias, long maxBody) {
    this.registry = registry;
    this.name = name;
    this.alias = alias;
    this.maxBody = maxBody;
    this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "serve-alias-watcher");
      t.setDaemon(true);
      return t;
    });
    this.app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      // Over this Jetty refuses to read the body; the check below answers first with the limit.
      config.http.maxRequestSize = maxBody;
      config.routes.get("/", ctx -> ctx.json(JSON.createObjectNode().put("status", "alive")));
      config.routes.get("/v1/models/{name}", this::metadata);
      config.routes.post("/v1/models/{target}", this::predict);
      config.routes.exception(BadRequest.class, (e, ctx) -> error(ctx, e.status, e.getMessage()));
      config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, 400,
          "request refused: " + e.getMessage() + " (a body is at most " + maxBody + " bytes)"));
      config.routes.exception(Exception.class, (e, ctx) -> {
        if (e instanceof org.eclipse.jetty.io.EofException) {
          // The client went away mid-request: nobody is left to answer.
          LOG.debug("client closed the connection: {}", e.toString());
          return;
        }
        LOG.warn("request failed", e);
        error(ctx, 500, "internal error: " + e);
      });
    });
  }

  /**
   * Loads {@code reference} ({@code NAME@ALIAS}, or {@code NAME@VERSION} to pin one) from the
   * registry, serves it on {@code host:port} (0: any free port) and, for an alias, looks every
   * {@code poll} for a move.
   *
   * @throws dev.modelsweep.activities.InvalidSpecException if the reference names nothing
   */
  public static ModelServer start(ModelRegistry registry, String reference, String host, int port, Duration poll,
      long maxBody) throws IOException {
    ModelCard card = registry.resolve(reference);
    String selector = reference.substring(reference.indexOf('@') + 1);
    boolean pinned = reference.indexOf('@') < 0 || selector.chars().allMatch(Character::isDigit);
    ModelServer server = new ModelServer(registry, card.name(), pinned ? null : selector, maxBody);
    server.current.set(LoadedModel.load(registry, card));
    server.app.start(host, port);
    if (!pinned) {
      server.watcher.scheduleWithFixedDelay(server::followAlias, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }
    return server;
  }

  /** The port it listens on. */
  public int port() {
    return app.port();
  }

  /** The version being served. */
  public int version() {
    return current.get().card().version();
  }

  /** Loads the version the alias points at, if another, and swaps it in. */
  void followAlias() {
    try {
      Integer version = registry.aliases(name).current().get(alias);
      LoadedModel served = current.get();
      if (version == null || version == served.card().version()) {
        return;
      }
      LoadedModel next = LoadedModel.load(registry, registry.version(name, version).orElseThrow());
      current.set(next);
      served.release();
      LOG.info("{}@{} moved: now serving version {} (was {})", name, alias, version, served.card().version());
    } catch (IOException | RuntimeException e) {
      LOG.warn("{}@{}: cannot load the version it points at, still serving version {}: {}", name, alias,
          current.get().card().version(), e.toString());
    }
  }

  private LoadedModel acquire() {
    while (true) {
      LoadedModel model = current.get();
      if (model.acquire()) {
        return model;
      }
    }
  }

  private void metadata(Context ctx) {
    requireName(ctx.pathParam("name"));
    LoadedModel model = current.get();
    ObjectNode out = JSON.createObjectNode().put("name", name).put("ready", true)
        .put("version", model.card().version());
    out.put("alias", alias);
    out.set("card", JSON.valueToTree(model.card()));
    ctx.json(out);
  }

  private void predict(Context ctx) throws IOException {
    String target = ctx.pathParam("target");
    if (!target.endsWith(":predict")) {
      throw new BadRequest(404, "no route POST /v1/models/" + target + "; use POST /v1/models/" + name + ":predict");
    }
    requireName(target.substring(0, target.length() - ":predict".length()));
    if (ctx.contentLength() > maxBody) {
      throw new BadRequest(400, "request body of " + ctx.contentLength() + " bytes is over the limit of " + maxBody
          + " bytes (serve --max-body); send fewer instances per request");
    }
    JsonNode root;
    try {
      root = JSON.readTree(ctx.bodyAsBytes());
    } catch (JacksonException e) {
      throw new BadRequest(400, "$: malformed JSON (" + firstClause(e.getOriginalMessage()) + ", at line "
          + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr()
          + "); send {\"instances\": [[...features...], ...]}");
    }
    LoadedModel model = acquire();
    try {
      Predictor predictor = model.predictor();
      float[] x = rows(root, predictor.features(), model.card());
      List<Predictor.Prediction> predictions = predictor.predict(x, root.get("instances").size());
      ArrayNode list = JSON.createArrayNode();
      for (Predictor.Prediction p : predictions) {
        ObjectNode row = list.addObject().put("class", p.className()).put("class_index", p.classIndex());
        ArrayNode probabilities = row.putArray("probabilities");
        for (float v : p.probabilities()) {
          probabilities.add(v);
        }
      }
      ObjectNode out = JSON.createObjectNode();
      out.set("predictions", list);
      ctx.header(VERSION_HEADER, Integer.toString(model.card().version()));
      ctx.json(out);
    } finally {
      model.release();
    }
  }

  /** The instances as one array of raw values, row after row; every problem named by its JSON path. */
  private static float[] rows(JsonNode root, int features, ModelCard card) {
    String shape = card.name() + " version " + card.version() + " takes rows of " + features + " numbers";
    if (root == null || !root.isObject()) {
      throw new BadRequest(400, "$: the body must be a JSON object {\"instances\": [[...], ...]}; " + shape);
    }
    JsonNode instances = root.get("instances");
    if (instances == null || !instances.isArray() || instances.isEmpty()) {
      throw new BadRequest(400, "$.instances: required, a non-empty array of rows; " + shape);
    }
    float[] x = new float[instances.size() * features];
    for (int i = 0; i < instances.size(); i++) {
      JsonNode row = instances.get(i);
      String path = "$.instances[" + i + "]";
      if (!row.isArray()) {
        throw new BadRequest(400, path + ": a row is an array of numbers, not " + kind(row) + "; " + shape);
      }
      if (row.size() != features) {
        throw new BadRequest(400, path + ": has " + row.size() + " values; " + shape);
      }
      for (int j = 0; j < features; j++) {
        JsonNode v = row.get(j);
        double d = v.asDouble();
        if (!v.isNumber() || Math.abs(d) > Float.MAX_VALUE) {
          throw new BadRequest(400, path + "[" + j + "]: " + v + " is not a number"
              + (v.isNumber() ? " a float can hold" : "") + "; " + shape);
        }
        x[i * features + j] = (float) d;
      }
    }
    return x;
  }

  /** Jackson's message without the location details it appends (given separately). */
  private static String firstClause(String message) {
    int cut = message.length();
    for (String end : List.of("\n", " (start marker", " at [Source")) {
      int at = message.indexOf(end);
      if (at >= 0) {
        cut = Math.min(cut, at);
      }
    }
    return message.substring(0, cut);
  }

  private static String kind(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private void requireName(String asked) {
    if (!name.equals(asked)) {
      throw new BadRequest(404, "no model " + asked + " here; this server serves " + name);
    }
  }

  private static void error(Context ctx, int status, String message) {
    ctx.status(status).json(JSON.createObjectNode().put("error", message));
  }

  /** A request answered with {@code status} and the message. */
  private static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    BadRequest(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  @Override
  public void close() {
    watcher.shutdownNow();
    app.stop();
    current.get().release();
  }
}
