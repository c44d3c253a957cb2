package dev.modelsweep.worker.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.modelsweep.client.SweepStatus;
import dev.modelsweep.model.ModelReference;
import dev.modelsweep.pipeline.StageState;
import dev.modelsweep.pipeline.StageStatus;
import dev.modelsweep.spec.Metrics;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How the CLI shows pipelines: a progress line, a stage table, and results as JSON. */
final class PipelinePrinter {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PipelinePrinter() {}

  /** {@code 1/3 stages completed  running search, base}. */
  static String progressLine(List<StageState> stages) {
    long completed = stages.stream().filter(s -> s.status() == StageStatus.COMPLETED).count();
    StringBuilder line = new StringBuilder().append(completed).append('/').append(stages.size()).append(" stages completed");
    for (StageStatus shown : List.of(StageStatus.RUNNING, StageStatus.WAITING, StageStatus.FAILED)) {
      List<String> ids = stages.stream().filter(s -> s.status() == shown).map(StageState::id).toList();
      if (!ids.isEmpty()) {
        line.append("  ").append(shown.word()).append(' ').append(String.join(", ", ids));
      }
    }
    return line.toString();
  }

  /** One row per stage: its status and its best model's metrics, or why it failed. */
  static void table(PrintStream out, List<StageState> stages) {
    out.printf(Locale.ROOT, "%-16s %-9s %-10s %6s %8s %8s %9s  %s%n",
        "stage", "operator", "status", "models", "val_acc", "test_acc", "params", "best model / reason");
    for (StageState s : stages) {
      ModelReference best = s.best();
      out.printf(Locale.ROOT, "%-16s %-9s %-10s %6d %8s %8s %9s  %s%n",
          s.id(), s.operator(), s.status().word(), s.models().size(),
          cell(best, Metrics.VAL_ACCURACY, "%.4f"), cell(best, Metrics.TEST_ACCURACY, "%.4f"),
          cell(best, Metrics.PARAMS, "%.0f"),
          s.reason() != null ? s.reason() : best == null ? "" : best.key());
    }
  }

  /**
   * The {@code results --json} document of a pipeline: {@code status}, {@code failure} and {@code
   * stages}, each with {@code id}, {@code operator}, {@code status}, {@code reason}, and {@code
   * metrics} and {@code model} (key, digest, lineage) of its best model.
   */
  static String resultsJson(SweepStatus status, List<StageState> stages) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("status", status.state().name().toLowerCase(Locale.ROOT));
    doc.put("failure", status.failure());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (StageState s : stages) {
      Map<String, Object> row = new LinkedHashMap<>();
      ModelReference best = s.best();
      row.put("id", s.id());
      row.put("operator", s.operator());
      row.put("status", s.status().word());
      row.put("reason", s.reason());
      row.put("metrics", best == null ? null : best.metrics());
      if (best == null) {
        row.put("model", null);
      } else {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("key", best.key());
        model.put("digest", best.digest());
        model.put("lineage", best.lineage());
        row.put("model", model);
      }
      rows.add(row);
    }
    doc.put("stages", rows);
    try {
      return JSON.writeValueAsString(doc);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String cell(ModelReference m, String metric, String format) {
    Double v = m == null ? null : m.metric(metric);
    return v == null ? "-" : String.format(Locale.ROOT, format, v);
  }
}
