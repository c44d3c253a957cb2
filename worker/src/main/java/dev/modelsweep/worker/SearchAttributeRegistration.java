package dev.modelsweep.worker;

import dev.modelsweep.workflow.SweepSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the namespace knows {@link SweepSearchAttributes} before a worker runs sweeps, which
 * upsert them: it adds those missing, as {@code temporal operator search-attribute create} does.
 * Where the connection may not (Temporal Cloud manages attributes in its own console), it logs the
 * command to run instead; sweeps cannot proceed without them.
 */
final class SearchAttributeRegistration {

  private static final Logger LOG = LoggerFactory.getLogger(SearchAttributeRegistration.class);

  private SearchAttributeRegistration() {}

  static void ensure(WorkflowClient client) {
    String namespace = client.getOptions().getNamespace();
    // Over the client's own connection (its TLS and API key included): a channel of its own would
    // cost every worker start a connection.
    WorkflowServiceStubs service = client.getWorkflowServiceStubs();
    OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder(service.getOptions())
            .setChannel(service.getRawChannel())
            .setTarget(null)
            .setChannelInitializer(null)
            .setSslContext(null)
            .setEnableHttps(false)
            .validateAndBuildWithDefaults());
    try {
      Map<String, IndexedValueType> missing = new LinkedHashMap<>(SweepSearchAttributes.definitions());
      try {
        operator.blockingStub().withDeadlineAfter(10, TimeUnit.SECONDS)
            .listSearchAttributes(ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
            .getCustomAttributesMap().keySet().forEach(missing::remove);
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
          throw e;
        }
      }
      if (!missing.isEmpty()) {
        operator.blockingStub().withDeadlineAfter(10, TimeUnit.SECONDS).addSearchAttributes(
            AddSearchAttributesRequest.newBuilder().setNamespace(namespace).putAllSearchAttributes(missing).build());
      }
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
        LOG.warn("cannot register the sweep search attributes in namespace {} ({}); register them once with: "
            + "temporal operator search-attribute create --namespace {} {}", namespace, e.getStatus(), namespace,
            commandArguments());
      }
    } finally {
      operator.shutdown();
    }
  }

  /** {@code --name ModelSweepState --type Keyword ...}. */
  private static String commandArguments() {
    StringBuilder arguments = new StringBuilder();
    SweepSearchAttributes.definitions().forEach((name, type) -> arguments.append(" --name ").append(name)
        .append(" --type ").append(switch (type) {
          case INDEXED_VALUE_TYPE_DOUBLE -> "Double";
          case INDEXED_VALUE_TYPE_INT -> "Int";
          default -> "Keyword";
        }));
    return arguments.toString().strip();
  }
}
