package dev.modelsweep.worker.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.modelsweep.client.SweepStatus;
import dev.modelsweep.spec.Metrics;
import dev.modelsweep.trial.TrialResult;
import dev.modelsweep.workflow.SweepProgress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How the CLI shows sweeps: a progress line, a leaderboard table, and results as JSON. */
final class SweepPrinter {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private static final int BAR_WIDTH = 24;

  private SweepPrinter() {}

  static String progressLine(SweepProgress p) {
    int planned = Math.max(p.planned(), 1);
    int filled = Math.min(BAR_WIDTH, p.completed() * BAR_WIDTH / planned);
    StringBuilder line = new StringBuilder();
    line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
    line.append(p.completed()).append('/').append(p.planned()).append(" trials");
    if (p.failed() > 0) {
      line.append(", ").append(p.failed()).append(" failed");
    }
    if (!p.running().isEmpty()) {
      line.append("  running ").append(String.join(" ", p.running()));
    }
    if (p.best() != null) {
      String metric = p.metric() == null ? Metrics.VAL_ACCURACY : p.metric();
      line.append(String.format(Locale.ROOT, "  best %s %s %s", p.best().id(), metric,
          compact(orNaN(p.best().metric(metric)))));
    }
    if (p.state() != SweepProgress.State.RUNNING) {
      line.append("  (").append(p.state().name().toLowerCase(Locale.ROOT)).append(')');
    }
    return line.toString();
  }

  /**
   * {@code elapsed 1m05s  eta 2m10s}: the time since the sweep started, and the time left at the
   * rate trials have ended so far ({@code eta ?} before the first one ends).
   */
  static String timing(SweepProgress p, Duration elapsed) {
    String eta = p.completed() == 0 || p.planned() <= p.completed() ? "?"
        : clock(elapsed.multipliedBy(p.planned() - p.completed()).dividedBy(p.completed()));
    return "  elapsed " + clock(elapsed) + (p.planned() > p.completed() ? "  eta " + eta : "");
  }

  /** {@code 45s}, {@code 3m07s}, {@code 2h05m}. */
  static String clock(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s < 60 ? s + "s" : s < 3600 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
        : String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
  }

  static void leaderboard(PrintStream out, List<TrialResult> trials) {
    leaderboard(out, trials, List.of());
  }

  /** The leaderboard with the trials on the Pareto front marked {@code *} after their rank. */
  static void leaderboard(PrintStream out, List<TrialResult> trials, List<String> paretoFront) {
    out.printf(Locale.ROOT, "%-5s %-6s %-10s %8s %8s %9s %9s %10s  %s%n",
        "rank", "trial", "status", "val_acc", "test_acc", "params", "p95_ms", "train_s", "params searched");
    int rank = 1;
    for (TrialResult t : trials) {
      out.printf(Locale.ROOT, "%-5s %-6s %-10s %8s %8s %9s %9s %10s  %s%n",
          rank++ + (paretoFront.contains(t.id()) ? "*" : ""), t.id(), t.status().name().toLowerCase(Locale.ROOT),
          cell(t, Metrics.VAL_ACCURACY, "%.4f"), cell(t, Metrics.TEST_ACCURACY, "%.4f"),
          cell(t, Metrics.PARAMS, "%.0f"), cell(t, Metrics.LATENCY_P95_MS, "%.3f"),
          cell(t, Metrics.TRAIN_SECONDS, "%.1f"), describe(t));
    }
  }

  /** Searched values, or the failure for a failed trial. */
  private static String describe(TrialResult t) {
    String params = t.params().entrySet().stream()
        .map(e -> e.getKey() + "=" + compact(e.getValue()))
        .collect(Collectors.joining(" "));
    return t.failure() == null ? params : params + "  [" + t.failure() + "]";
  }

  /**
   * The {@code results --json} document: {@code sweepId}, {@code status}, {@code trials}, {@code
   * best}, and {@code paretoFront} (trial ids; empty for one objective).
   */
  static String resultsJson(String sweepId, SweepStatus status, List<TrialResult> ranked, List<String> paretoFront) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("sweepId", sweepId);
    doc.put("status", status.state().name().toLowerCase(Locale.ROOT));
    if (status.failure() != null) {
      doc.put("failure", status.failure());
    }
    doc.put("trials", ranked);
    TrialResult best = ranked.isEmpty() || ranked.get(0).status() == TrialResult.Status.FAILED ? null : ranked.get(0);
    doc.put("best", best);
    doc.put("paretoFront", paretoFront);
    return json(doc);
  }

  /** Any value as indented JSON, instants as ISO-8601 text. */
  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Four significant digits are enough to tell trials apart in a table; JSON keeps them all. */
  private static String compact(Object value) {
    return value instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : String.valueOf(value);
  }

  /** A metric formatted for the table, or "-" when the trial has none (it failed). */
  private static String cell(TrialResult t, String metric, String format) {
    Double v = t.metric(metric);
    return v == null ? "-" : String.format(Locale.ROOT, format, v);
  }

  private static double orNaN(Double v) {
    return v == null ? Double.NaN : v;
  }
}
