package dev.modelsweep.worker.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/** The tables of {@code modelsweep bench search}: Markdown for people, JSON for tools. */
public final class SearchReport {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SearchReport() {}

  /** A Markdown table, one row per combination; also what the command prints. */
  public static String markdown(SearchProtocol protocol, List<Long> seeds, int slots, Double target,
      List<SearchBenchmark.Summary> rows) {
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT,
        "%s: budget %d epochs (at most %d per trial), %d training slot(s), seeds %s; test accuracy of the trial best on "
            + "validation, median [min-max] over seeds%n%n", protocol.dataset(), protocol.budget(), protocol.epochs(),
        slots, seeds));
    String goal = target == null ? "random's final" : String.format(Locale.ROOT, "%.4f", target);
    md.append("| combination | 25% of budget | 50% of budget | 100% of budget | share to reach " + goal
        + " | s to reach " + goal + " | its leader trained s | epochs | wall s |\n");
    md.append("|---|---|---|---|---|---|---|---|---|\n");
    for (SearchBenchmark.Summary s : rows) {
      md.append("| ").append(s.combination());
      for (SearchBenchmark.Spread a : s.accuracy()) {
        md.append(" | ").append(spread(a, "%.4f"));
      }
      md.append(" | ").append(reached(s.shareToReachRandom(), "%.2f"));
      md.append(" | ").append(reached(s.secondsToReachRandom(), "%.0f"));
      md.append(" | ").append(reached(s.leaderTrainSeconds(), "%.1f"));
      md.append(" | ").append(String.format(Locale.ROOT, "%.0f", s.epochsTrained().median()));
      md.append(" | ").append(spread(s.wallSeconds(), "%.0f")).append(" |\n");
    }
    return md.toString();
  }

  /** Every run and the summaries, as JSON. */
  public static String json(SearchProtocol protocol, List<Long> seeds, int slots, List<SearchBenchmark.Run> runs,
      List<SearchBenchmark.Summary> rows) {
    ObjectNode root = JSON.createObjectNode();
    root.put("dataset", protocol.dataset()).put("budget", protocol.budget()).put("epochsPerTrial", protocol.epochs())
        .put("slots", slots);
    seeds.forEach(root.putArray("seeds")::add);
    ArrayNode fractions = root.putArray("fractions");
    for (double f : SearchBenchmark.FRACTIONS) {
      fractions.add(f);
    }
    ArrayNode summary = root.putArray("summary");
    for (SearchBenchmark.Summary s : rows) {
      ObjectNode o = summary.addObject().put("combination", s.combination()).put("seeds", s.seeds());
      ArrayNode acc = o.putArray("testAccuracy");
      s.accuracy().forEach(a -> acc.addObject().put("median", a.median()).put("min", a.min()).put("max", a.max()));
      putNumber(o, "shareToReachRandomFinal", s.shareToReachRandom());
      putNumber(o, "secondsToReachRandomFinal", s.secondsToReachRandom());
      putNumber(o, "leaderTrainSeconds", s.leaderTrainSeconds());
      o.putObject("wallSeconds").put("median", s.wallSeconds().median()).put("min", s.wallSeconds().min())
          .put("max", s.wallSeconds().max());
      o.put("epochsTrainedMedian", s.epochsTrained().median());
    }
    ArrayNode all = root.putArray("runs");
    for (SearchBenchmark.Run r : runs) {
      ObjectNode o = all.addObject().put("combination", r.combination()).put("seed", r.seed())
          .put("wallSeconds", r.wallSeconds()).put("epochsTrained", r.epochsTrained());
      ArrayNode acc = o.putArray("testAccuracy");
      for (double a : r.accuracyAt()) {
        putNumber(acc.addObject(), "value", a);
      }
      ArrayNode history = o.putArray("history");
      r.curve().history().forEach(p -> history.addObject().put("epochsTrained", p.epochsTrained())
          .put("bestTrial", p.bestTrial()).put("valAccuracy", p.bestValue())
          .put("testAccuracy", r.curve().testAccuracy().get(p.bestTrial()))
          .put("trainSeconds", r.trainSeconds().get(p.bestTrial()))
          .put("seconds", (p.atMillis() - r.curve().startMillis()) / 1000.0));
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** JSON has no NaN or infinity: null stands for "not measured" or "never reached". */
  private static void putNumber(ObjectNode o, String field, double v) {
    if (Double.isFinite(v)) {
      o.put(field, v);
    } else {
      o.putNull(field);
    }
  }

  private static String spread(SearchBenchmark.Spread s, String format) {
    if (Double.isNaN(s.median())) {
      return "-";
    }
    return String.format(Locale.ROOT, format + " [" + format + "-" + format + "]", s.median(), s.min(), s.max());
  }

  private static String reached(double v, String format) {
    if (Double.isNaN(v)) {
      return "- (random not run)";
    }
    return Double.isInfinite(v) ? "not reached" : String.format(Locale.ROOT, format, v);
  }
}
