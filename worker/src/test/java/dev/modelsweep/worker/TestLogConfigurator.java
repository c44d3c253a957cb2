package dev.modelsweep.worker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;
import dev.modelsweep.worker.cli.LogConfigurator;
import java.util.Map;

/**
 * The worker's logging in tests, found before it by its rank: the same, plus quiet for the SDK
 * loggers that print a stack trace for every workflow and activity the tests fail on purpose (each
 * failure is asserted instead), and for the handover task the service refuses once while a sweep
 * continues as new.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class TestLogConfigurator extends ContextAwareBase implements Configurator {

  private static final Map<String, Level> QUIET = Map.of(
      "io.temporal.internal.sync.WorkflowExecutionHandler", Level.ERROR,
      "io.temporal.internal.activity", Level.ERROR,
      "io.temporal.internal.worker.WorkflowWorker", Level.ERROR,
      "io.temporal.internal.worker.PollerOptions", Level.WARN);

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    LogConfigurator worker = new LogConfigurator();
    worker.setContext(context);
    ExecutionStatus status = worker.configure(context);
    if (status == ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY) {
      QUIET.forEach((logger, level) -> context.getLogger(logger).setLevel(level));
    }
    return status;
  }
}
