package dev.modelsweep.worker.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

/**
 * How the worker and the CLI log, found by Logback as a service: ModelSweep at {@code info},
 * libraries at {@code warn}, one line per event on stderr. A line logged on a workflow or activity
 * thread names its workflow id, and the activity type and attempt, from the MDC the Temporal SDK
 * fills; other lines carry neither.
 *
 * <p>Code, not a {@code logback.xml}: every CLI command and every worker start pays for the logging
 * set-up, and on this project's 2-core machine the first log line of a bare JVM took about 0.33 s
 * with the XML file (its parser, and a pattern's converters) and takes about 0.16 s with this.
 * {@code -Dlogback.configurationFile=FILE} still replaces it.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {

  /** The appender's name. */
  public static final String APPENDER = "STDERR";

  /** Default levels: the root's, ModelSweep's, and libraries that would otherwise say too much. */
  private static final Map<String, Level> LEVELS = Map.of(
      Logger.ROOT_LOGGER_NAME, Level.WARN,
      "dev.modelsweep", Level.INFO,
      // DJL probes for CUDA on every engine start; on a CPU-only machine that is expected.
      "ai.djl.util.cuda.CudaUtils", Level.ERROR,
      // The in-memory service lacks worker heartbeats (a newer server feature); the SDK says so once.
      "io.temporal.internal.worker.HeartbeatManager", Level.ERROR,
      // At debug, gRPC's HTTP/2 frame loggers print every request header, the API key's
      // "authorization: Bearer ..." among them. Pinned so that debug logging leaks no secret.
      "io.grpc.netty.shaded.io.grpc.netty.NettyClientHandler", Level.INFO,
      "io.grpc.netty.shaded.io.grpc.netty.NettyServerHandler", Level.INFO);

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY; // Logback's own configurator reads that file
    }
    LineLayout layout = new LineLayout();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName(APPENDER);
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(stderr);
    LEVELS.forEach((logger, level) -> context.getLogger(logger).setLevel(level));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * {@code 20:41:07.312 [INFO] TrialTrainer workflow=ID activity=Train attempt=2 - message}, and
   * the stack trace of a logged exception on the lines after it.
   */
  static final class LineLayout extends LayoutBase<ILoggingEvent> {

    @Override
    public String doLayout(ILoggingEvent event) {
      StringBuilder line = new StringBuilder(160);
      LocalTime time = LocalTime.ofInstant(Instant.ofEpochMilli(event.getTimeStamp()), ZoneId.systemDefault());
      pad(line, time.getHour(), 2).append(':');
      pad(line, time.getMinute(), 2).append(':');
      pad(line, time.getSecond(), 2).append('.');
      pad(line, time.getNano() / 1_000_000, 3);
      line.append(" [").append(event.getLevel()).append("] ");
      String logger = event.getLoggerName();
      line.append(logger, logger.lastIndexOf('.') + 1, logger.length());
      Map<String, String> mdc = event.getMDCPropertyMap();
      field(line, "workflow", mdc.get("WorkflowId"));
      field(line, "activity", mdc.get("ActivityType"));
      field(line, "attempt", mdc.get("Attempt"));
      line.append(" - ").append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
      IThrowableProxy thrown = event.getThrowableProxy();
      if (thrown != null) {
        line.append(ThrowableProxyUtil.asString(thrown)); // ends with a line separator
      }
      return line.toString();
    }

    private static StringBuilder pad(StringBuilder line, int value, int digits) {
      String text = Integer.toString(value);
      line.append("0".repeat(Math.max(0, digits - text.length()))).append(text);
      return line;
    }

    private static void field(StringBuilder line, String name, String value) {
      if (value != null && !value.isEmpty()) {
        line.append(' ').append(name).append('=').append(value);
      }
    }
  }
}
