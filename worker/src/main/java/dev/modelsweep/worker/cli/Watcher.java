package dev.modelsweep.worker.cli;

import dev.modelsweep.client.SweepHandle;
import dev.modelsweep.client.SweepStatus;
import dev.modelsweep.workflow.SweepResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Follows a sweep or a pipeline until it ends, showing progress: one line redrawn in place on a
 * terminal, a new line per change otherwise (logs, CI). Any process can follow any sweep by id.
 */
final class Watcher {

  private static final Duration POLL = Duration.ofMillis(500);
  /** How long a progress query waits for a worker before the line says none answered. */
  static final Duration QUERY_TIMEOUT = Duration.ofSeconds(3);

  private Watcher() {}

  static SweepResult follow(SweepHandle sweep, PrintStream out) throws InterruptedException {
    untilDone(sweep.id(), sweep::status, () -> sweep.progress(QUERY_TIMEOUT).map(SweepPrinter::progressLine), out);
    return sweep.result();
  }

  /**
   * Shows {@code progress} while {@code status} is running.
   *
   * @param progress the current progress line, or empty when no worker answered
   */
  static void untilDone(String id, Supplier<SweepStatus> status, Supplier<Optional<String>> progress, PrintStream out)
      throws InterruptedException {
    boolean tty = System.console() != null;
    String last = "";
    while (status.get().running()) {
      String line = progress.get().orElse("waiting for a worker to pick up " + id + " ...");
      if (!line.equals(last)) {
        out.print(tty ? "\r\033[2K" + line : line + System.lineSeparator());
        out.flush();
        last = line;
      }
      Thread.sleep(POLL.toMillis());
    }
    if (tty) {
      out.println();
    }
  }
}
