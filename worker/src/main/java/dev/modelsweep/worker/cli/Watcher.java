package dev.modelsweep.worker.cli;

import dev.modelsweep.client.SweepHandle;
import dev.modelsweep.client.SweepStatus;
import dev.modelsweep.workflow.SweepResult;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
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

  /** The line cut to {@code width - 1} characters, so a terminal never wraps it (0: as it is). */
  static String fit(String line, int width) {
    return width <= 1 || line.length() < width ? line : line.substring(0, width - 2) + "~";
  }

  /**
   * Columns of the terminal: env {@code COLUMNS} where the shell exports it, else what {@code stty
   * size} says of /dev/tty, else 80.
   */
  static int terminalWidth() {
    try {
      String columns = System.getenv("COLUMNS");
      if (columns != null && !columns.isBlank()) {
        return Integer.parseInt(columns.strip());
      }
      Process stty = new ProcessBuilder("sh", "-c", "stty size < /dev/tty").redirectErrorStream(true).start();
      String[] size = new String(stty.getInputStream().readAllBytes()).trim().split("\\s+");
      if (stty.waitFor() == 0 && size.length == 2) {
        return Integer.parseInt(size[1]);
      }
    } catch (IOException | NumberFormatException e) {
      // No terminal size to be had: assume the classic width.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 80;
  }

  static SweepResult follow(SweepHandle sweep, PrintStream out) throws InterruptedException {
    Instant started = sweep.startTime();
    untilDone(sweep.id(), sweep::status, () -> sweep.progress(QUERY_TIMEOUT)
        .map(p -> SweepPrinter.progressLine(p) + SweepPrinter.timing(p, Duration.between(started, Instant.now()))), out);
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
    int width = tty ? terminalWidth() : 0;
    String last = "";
    while (status.get().running()) {
      String line = fit(progress.get().orElse("waiting for a worker to pick up " + id + " ..."), width);
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
