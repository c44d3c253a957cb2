package dev.modelsweep.worker.cli;

import dev.modelsweep.client.SweepHandle;
import dev.modelsweep.client.SweepStatus;
import dev.modelsweep.workflow.SweepResult;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Follows a sweep until it ends, showing progress: one line redrawn in place on a terminal, a new
 * line per change otherwise (logs, CI). Any process can follow any sweep by id.
 */
final class Watcher {

  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(3);

  private Watcher() {}

  static SweepResult follow(SweepHandle sweep, PrintStream out) throws InterruptedException {
    boolean tty = System.console() != null;
    String last = "";
    while (sweep.status().state() == SweepStatus.State.RUNNING) {
      String line = sweep.progress(QUERY_TIMEOUT).map(SweepPrinter::progressLine)
          .orElse("waiting for a worker to pick up " + sweep.id() + " ...");
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
    return sweep.result();
  }
}
