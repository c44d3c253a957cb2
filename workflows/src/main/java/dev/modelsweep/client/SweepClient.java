package dev.modelsweep.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.workflow.SweepWorkflow;
import com.uber.m3.tally.Scope;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import dev.modelsweep.pipeline.PipelineWorkflow;
import dev.modelsweep.workflow.SweepSearchAttributes;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.SearchAttributes;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.net.ssl.SSLException;

/**
 * Starts sweeps and finds them again by id. The CLI and the samples use this; so can any Java
 * program that wants sweeps started from code.
 *
 * <pre>{@code
 * try (SweepClient client = SweepClient.connect(ConnectionOptions.getDefaultInstance())) {
 *   SweepHandle sweep = client.start(SpecParser.parse(json));
 *   SweepResult result = sweep.result();
 * }
 * }</pre>
 */
public final class SweepClient implements AutoCloseable {

  private final WorkflowClient client;
  private final WorkflowServiceStubs ownedService;

  private SweepClient(WorkflowClient client, WorkflowServiceStubs ownedService) {
    this.client = client;
    this.ownedService = ownedService;
  }

  /**
   * Connects to a Temporal service, over TLS, mutual TLS or with an API key as the options say;
   * {@link #close()} closes the connection. Workers built on {@link #workflowClient()} share it.
   *
   * @throws IllegalArgumentException when a TLS file cannot be read or parsed
   */
  public static SweepClient connect(ConnectionOptions options) {
    return connect(options, null);
  }

  /**
   * {@link #connect(ConnectionOptions)}, reporting the SDK's metrics, and those of workers built on
   * this connection, to {@code metrics} (null: none).
   */
  public static SweepClient connect(ConnectionOptions options, Scope metrics) {
    WorkflowServiceStubsOptions.Builder stubs = WorkflowServiceStubsOptions.newBuilder(serviceStubsOptions(options));
    if (metrics != null) {
      stubs.setMetricsScope(metrics);
    }
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(stubs.build());
    WorkflowClient client =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace(options.namespace()).build());
    return new SweepClient(client, service);
  }

  static WorkflowServiceStubsOptions serviceStubsOptions(ConnectionOptions options) {
    WorkflowServiceStubsOptions.Builder stubs =
        WorkflowServiceStubsOptions.newBuilder().setTarget(options.target());
    if (options.tls()) {
      stubs.setSslContext(sslContext(options));
    }
    stubs.addGrpcClientInterceptor(new ConnectionFailureExplainer(options.tls()));
    String serverName = options.serverName();
    if (serverName != null) {
      // The authority is both the name the certificate is verified against and the :authority
      // header; the SDK applies the initializer after its own TLS set-up.
      stubs.setChannelInitializer(channel -> channel.overrideAuthority(serverName));
    }
    String apiKey = options.apiKey();
    if (apiKey != null) {
      // Sent as "authorization: Bearer <key>" on every call; only ever over TLS (see options).
      stubs.addApiKey(() -> apiKey);
    }
    return stubs.build();
  }

  /** TLS for gRPC (HTTP/2 ALPN): the given CAs or the JVM's trust store, and a client key pair. */
  private static SslContext sslContext(ConnectionOptions options) {
    SslContextBuilder ssl = GrpcSslContexts.forClient();
    Path ca = options.caCertificate();
    if (ca != null) {
      load(() -> ssl.trustManager(ca.toFile()), "the CA certificate bundle " + ca);
    }
    if (options.mutualTls()) {
      Path certificate = options.clientCertificate();
      Path key = options.clientKey();
      load(() -> ssl.keyManager(certificate.toFile(), key.toFile()),
          "the client certificate " + certificate + " with its PKCS#8 PEM key " + key);
    }
    try {
      return ssl.build();
    } catch (SSLException e) {
      throw new IllegalArgumentException("TLS set-up failed: " + e.getMessage(), e);
    }
  }

  /** Netty parses PEM files at once and hides why one failed in the cause: say what and why. */
  private static void load(Runnable step, String what) {
    try {
      step.run();
    } catch (IllegalArgumentException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalArgumentException("cannot load " + what + ": " + cause.getMessage(), e);
    }
  }

  /**
   * gRPC reports a failed handshake as UNAVAILABLE "io exception" or "ssl exception" and keeps the
   * reason in the cause chain, which the CLI and most logs do not show; this moves it into the
   * description. A plaintext client that reaches a TLS server gets no reason at all, only "Network
   * closed for unknown reason"; this says what the likely reason is.
   */
  static final class ConnectionFailureExplainer implements ClientInterceptor {

    private final boolean tls;

    ConnectionFailureExplainer(boolean tls) {
      this.tls = tls;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        MethodDescriptor<Q, R> method, CallOptions callOptions, Channel next) {
      return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, callOptions)) {
        @Override
        public void start(Listener<R> listener, Metadata headers) {
          super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
            @Override
            public void onClose(Status status, Metadata trailers) {
              super.onClose(explain(status, tls), trailers);
            }
          }, headers);
        }
      };
    }

    static Status explain(Status status, boolean tls) {
      if (status.getCode() != Status.Code.UNAVAILABLE) {
        return status;
      }
      if (!tls) {
        return String.valueOf(status.getDescription()).startsWith("Network closed")
            ? status.withDescription("the server closed the connection at once; if it serves TLS, "
                + "connect over TLS (CLI: --tls, or --tls-ca for a private CA) (" + status.getDescription() + ")")
            : status;
      }
      for (Throwable t = status.getCause(); t != null; t = t.getCause()) {
        if (t instanceof SSLException) {
          Throwable root = t;
          while (root.getCause() != null) {
            root = root.getCause();
          }
          return status.withDescription("TLS handshake failed: " + hint(root.getMessage()));
        }
      }
      return status;
    }

    /** The usual three reasons, in words; the library's message stays for searching. */
    private static String hint(String reason) {
      String text = String.valueOf(reason);
      if (text.contains("CERTIFICATE_REQUIRED")) {
        return "the server requires a client certificate signed by a CA it trusts (" + text + ")";
      }
      if (text.contains("certification path")) {
        return "the server's certificate is not signed by a trusted CA (" + text + ")";
      }
      if (text.contains("subject alternative") || text.contains("No name matching")) {
        return "the server's certificate does not name the host connected to; set the server name"
            + " (" + text + ")";
      }
      return text;
    }
  }

  /** Wraps an existing client; {@link #close()} leaves its connection open. */
  public static SweepClient of(WorkflowClient client) {
    return new SweepClient(client, null);
  }

  /** Validates a spec document here, failing fast with every problem, then starts it. */
  public SweepHandle start(String specJson) {
    return start(SpecParser.parse(specJson));
  }

  /** Starts a sweep with a fresh id: the spec's name and a random suffix. */
  public SweepHandle start(SweepSpec spec) {
    return start(spec, newSweepId(spec.name()));
  }

  /** Starts a sweep under the given id, which must not be in use. */
  public SweepHandle start(SweepSpec spec, String sweepId) {
    JsonNode json = SpecParser.toJson(spec);
    SweepWorkflow workflow =
        client.newWorkflowStub(
            SweepWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(sweepId)
                .setTaskQueue(SweepWorkflow.TASK_QUEUE)
                .setWorkflowTaskTimeout(SweepWorkflow.workflowTaskTimeout(spec))
                .setStaticSummary(summary(spec))
                .setStaticDetails(details(spec))
                .build());
    WorkflowClient.start(workflow::run, json, null, null);
    return handle(sweepId);
  }

  /** Workflow types {@link #list} shows. */
  private static final Set<String> LISTED_TYPES = Set.of(SweepWorkflow.TYPE, PipelineWorkflow.TYPE);

  /**
   * Sweeps and pipelines, newest first, running and closed, with the search attributes the sweeps
   * upsert (state, best metric, strategy, spec name, trials done). Uses a visibility query where
   * the server has one; the embedded service has none ({@code ListWorkflowExecutions} is
   * unimplemented there), so there it reads the open and closed listings by workflow type and
   * each open sweep's description.
   *
   * @param limit at most this many
   */
  public List<SweepListing> list(int limit) {
    List<WorkflowExecutionMetadata> found;
    try {
      found = client.listExecutions("WorkflowType = '" + SweepWorkflow.TYPE + "' OR WorkflowType = '"
              + PipelineWorkflow.TYPE + "'")
          .limit(limit).toList();
    } catch (RuntimeException e) {
      if (!unimplemented(e)) {
        throw e;
      }
      found = openAndClosed(limit);
    }
    return found.stream()
        .sorted(Comparator.comparing(WorkflowExecutionMetadata::getStartTime).reversed())
        .limit(limit)
        .map(SweepClient::listing)
        .toList();
  }

  /**
   * The open and closed listings, for a server without visibility queries. The embedded service
   * ignores their type filter, so the types are picked here, before describing any execution.
   */
  private List<WorkflowExecutionMetadata> openAndClosed(int limit) {
    WorkflowServiceGrpc.WorkflowServiceBlockingStub stub = client.getWorkflowServiceStubs().blockingStub();
    String namespace = client.getOptions().getNamespace();
    List<WorkflowExecutionInfo> infos = new ArrayList<>(stub.listOpenWorkflowExecutions(
        ListOpenWorkflowExecutionsRequest.newBuilder().setNamespace(namespace).build()).getExecutionsList());
    infos.addAll(stub.listClosedWorkflowExecutions(
        ListClosedWorkflowExecutionsRequest.newBuilder().setNamespace(namespace).build()).getExecutionsList());
    return infos.stream()
        .filter(info -> LISTED_TYPES.contains(info.getType().getName()))
        .sorted(Comparator.comparing((WorkflowExecutionInfo info) -> info.getStartTime().getSeconds())
            .thenComparing(info -> info.getStartTime().getNanos()).reversed())
        .limit(limit)
        .map(this::described)
        .toList();
  }

  /** The embedded service's listings leave search attributes out; a description has them. */
  private WorkflowExecutionMetadata described(WorkflowExecutionInfo info) {
    return client.newUntypedWorkflowStub(info.getExecution().getWorkflowId(),
        Optional.of(info.getExecution().getRunId()), Optional.empty()).describe();
  }

  private static boolean unimplemented(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException grpc && grpc.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return true;
      }
    }
    return false;
  }

  private static SweepListing listing(WorkflowExecutionMetadata execution) {
    SearchAttributes attributes = execution.getTypedSearchAttributes();
    String status = execution.getStatus().name().substring("WORKFLOW_EXECUTION_STATUS_".length()).toLowerCase(Locale.ROOT);
    String state = attributes.get(SweepSearchAttributes.STATE);
    return new SweepListing(
        execution.getExecution().getWorkflowId(),
        execution.getWorkflowType().equals(PipelineWorkflow.TYPE) ? "pipeline" : "sweep",
        status,
        state == null || !status.equals("running") && !isFinal(state) ? status : state,
        attributes.get(SweepSearchAttributes.SPEC_NAME),
        attributes.get(SweepSearchAttributes.STRATEGY),
        attributes.get(SweepSearchAttributes.METRIC),
        attributes.get(SweepSearchAttributes.BEST_METRIC),
        attributes.get(SweepSearchAttributes.TRIALS_DONE),
        execution.getStartTime(),
        execution.getCloseTime());
  }

  /** A state word the sweep sets as it ends; a closed sweep showing another was cut off (terminated). */
  private static boolean isFinal(String state) {
    return state.equals("completed") || state.equals("stopped") || state.equals("failed");
  }

  /**
   * The sweep's line in the Temporal Web UI: {@code digits-random: random search, val_accuracy
   * (maximize)}.
   */
  static String summary(SweepSpec spec) {
    return spec.name() + ": " + spec.searchOrDefault().strategyOrDefault().name().toLowerCase(Locale.ROOT)
        + " search, " + spec.objectiveOrDefault().metricOrDefault() + " ("
        + spec.objectiveOrDefault().directionOrDefault().name().toLowerCase(Locale.ROOT) + ")";
  }

  /** The Web UI's details of a sweep: what it searches, in Markdown. */
  static String details(SweepSpec spec) {
    return "**" + summary(spec) + "**\n\n"
        + "- dataset: " + (spec.dataset().name() != null ? spec.dataset().name() : spec.dataset().path()) + "\n"
        + "- model: " + spec.model().family().name().toLowerCase(Locale.ROOT) + "\n"
        + "- searched: " + String.join(", ", spec.searchOrDefault().spaceOrEmpty().keySet()) + "\n"
        + "- trials at once: " + spec.searchOrDefault().maxConcurrentOrDefault() + "\n";
  }

  /** A handle on a sweep started earlier, from this process or any other. */
  public SweepHandle handle(String sweepId) {
    return new SweepHandle(client, sweepId);
  }

  public WorkflowClient workflowClient() {
    return client;
  }

  /** A fresh sweep id: the spec name and a random suffix. */
  public static String newSweepId(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() {
    if (ownedService != null) {
      ownedService.shutdown();
    }
  }
}
