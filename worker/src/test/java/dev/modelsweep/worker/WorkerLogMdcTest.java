package dev.modelsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.read.ListAppender;
import dev.modelsweep.activities.train.TrialTrainer;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.worker.cli.LogConfigurator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * A line logged while an activity runs carries its workflow and activity in the MDC, and the
 * worker's {@link LogConfigurator} prints them.
 */
class WorkerLogMdcTest {

  @RegisterExtension final SweepTestEnvironment env = new SweepTestEnvironment();

  @Test
  void theTrainersLinesNameTheTrialWorkflowAndTheActivity() throws Exception {
    Logger trainer = (Logger) LoggerFactory.getLogger(TrialTrainer.class);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    Level before = trainer.getLevel();
    trainer.setLevel(Level.DEBUG);
    trainer.addAppender(captured);
    try {
      env.client.start(SpecParser.parse("""
          {"name": "iris-mdc", "dataset": "iris", "model": {"family": "mlp", "width": 4},
           "training": {"epochs": 2, "batchSize": "full"}, "search": {"trials": 1}}
          """), "iris-mdc-1").result();
    } finally {
      trainer.detachAppender(captured);
      trainer.setLevel(before);
    }
    List<ILoggingEvent> lines = captured.list.stream()
        .filter(e -> e.getFormattedMessage().contains("trains from epoch")).toList();
    assertEquals(1, lines.size(), captured.list.toString());
    ILoggingEvent line = lines.get(0);
    String workflowId = line.getMDCPropertyMap().get("WorkflowId");
    assertTrue(workflowId != null && workflowId.startsWith("iris-mdc-1"), line.getMDCPropertyMap().toString());
    assertEquals("Train", line.getMDCPropertyMap().get("ActivityType"));

    // The worker's own configuration (not this test's) prints them.
    String printed = printedByTheWorker(line);
    assertTrue(printed.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[DEBUG] TrialTrainer workflow=" + Pattern.quote(workflowId)
        + " activity=Train attempt=1 - trial .*\\R"), printed);
  }

  @Test
  void aLineOffTheWorkflowAndActivityThreadsCarriesNeitherAndAnExceptionFollowsIt() {
    Logger logger = (Logger) LoggerFactory.getLogger("dev.modelsweep.Example");
    LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, "cannot read {}",
        new IllegalStateException("disk gone"), new Object[] {"a.csv"});
    String[] lines = printedByTheWorker(event).split("\\R");
    assertTrue(lines[0].matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[WARN] Example - cannot read a.csv"), lines[0]);
    assertEquals("java.lang.IllegalStateException: disk gone", lines[1]);
    assertTrue(lines[2].startsWith("\tat dev.modelsweep.worker.WorkerLogMdcTest."), lines[2]);
  }

  private static String printedByTheWorker(ILoggingEvent event) {
    LoggerContext context = new LoggerContext();
    LogConfigurator configurator = new LogConfigurator();
    configurator.setContext(context);
    configurator.configure(context);
    ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>)
        context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(LogConfigurator.APPENDER);
    try {
      return new String(console.getEncoder().encode(event), StandardCharsets.UTF_8);
    } finally {
      context.stop();
    }
  }
}
