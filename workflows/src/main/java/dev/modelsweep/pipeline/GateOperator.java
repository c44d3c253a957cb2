package dev.modelsweep.pipeline;

import dev.modelsweep.model.ModelReference;
import dev.modelsweep.model.RegisteredModel;
import dev.modelsweep.spec.Metrics;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code gate}: lets a candidate (the first model of {@code models}) through to the stages after
 * it by itself when it meets the constraints ({@code maxLatencyMs} on {@code latency_p95_ms},
 * {@code maxSizeBytes}, {@code maxParams}) and either no version holds {@code target} yet or the
 * candidate beats the holder by {@code margin} on {@code metric}. Otherwise the stage is {@code
 * waiting} until a person sends the Update {@code approve} (it passes) or {@code reject} (it
 * fails), or {@code timeoutMinutes} pass (a rejection). Its output is the candidate.
 */
final class GateOperator implements Operator {

  /** Failure type of a gate that was rejected or timed out. */
  static final String REJECTED = "GateRejected";
  static final String DEFAULT_METRIC = Metrics.TEST_ACCURACY;
  static final double DEFAULT_TIMEOUT_MINUTES = 1440;

  private static final Form FORM = new Form("gate", Output.EVALUATIONS,
      List.of("models", "target", "metric", "margin", "maxLatencyMs", "maxSizeBytes", "maxParams", "timeoutMinutes"),
      Map.of("models", "the candidate, a model reference such as [\"stage:test\"]",
          "target", "the registry name and alias the candidate would take, such as \"digits@production\""));

  @Override
  public Form form() {
    return FORM;
  }

  @Override
  public boolean takesMeasurements() {
    return true;
  }

  @Override
  public List<ModelReference> run(StageRun run) {
    StageSpec stage = run.stage();
    ModelReference candidate = run.models().get(0);
    RegistryTarget target = RegistryTarget.parse(stage.target());
    RegisteredModel holder = run.registry().holder(target.name(), target.alias());
    List<String> doubts = new ArrayList<>(brokenConstraints(stage, candidate));
    String metric = stage.metric() != null ? stage.metric() : DEFAULT_METRIC;
    double margin = stage.margin() != null ? stage.margin() : 0;
    String comparison = "no version holds " + target + " yet";
    if (holder != null) {
      Double mine = candidate.metric(metric);
      Double theirs = holder.metrics().get(metric);
      comparison = String.format(Locale.ROOT, "%s %s against version %d's %s, margin %s", metric, value(mine),
          holder.version(), value(theirs), value(margin));
      if (mine == null || theirs == null) {
        doubts.add(metric + " is missing from " + (mine == null ? "the candidate" : "version " + holder.version())
            + "; measure it with an evaluate stage");
      } else if (!beats(metric, mine, theirs, margin)) {
        doubts.add("it does not beat " + target + " (" + comparison + ")");
      }
    }
    if (doubts.isEmpty()) {
      run.board().note(stage.id(), "passed by itself: constraints met, " + comparison);
      return List.of(candidate);
    }
    Duration timeout = Duration.ofMillis(Math.round(
        (stage.timeoutMinutes() != null ? stage.timeoutMinutes() : DEFAULT_TIMEOUT_MINUTES) * 60_000));
    StageBoard.Decision decision = run.board().awaitDecision(stage.id(),
        "waiting for approve or reject (timeout " + minutes(timeout) + " min): " + String.join("; ", doubts),
        timeout);
    if (!decision.approved()) {
      throw ApplicationFailure.newNonRetryableFailure("rejected: " + decision.reason(), REJECTED);
    }
    run.board().note(stage.id(), "approved by a person: " + String.join("; ", doubts));
    return List.of(candidate);
  }

  /** Whether {@code mine} is better than {@code theirs} by at least {@code margin}. */
  static boolean beats(String metric, double mine, double theirs, double margin) {
    return higherIsBetter(metric) ? mine >= theirs + margin : mine <= theirs - margin;
  }

  static boolean higherIsBetter(String metric) {
    return metric.endsWith("_accuracy") || metric.equals(Metrics.THROUGHPUT_PER_S);
  }

  private static List<String> brokenConstraints(StageSpec stage, ModelReference candidate) {
    List<String> broken = new ArrayList<>();
    check(broken, candidate, Metrics.LATENCY_P95_MS, stage.maxLatencyMs(), "maxLatencyMs");
    check(broken, candidate, Metrics.SIZE_BYTES, stage.maxSizeBytes() == null ? null : stage.maxSizeBytes().doubleValue(),
        "maxSizeBytes");
    check(broken, candidate, Metrics.PARAMS, stage.maxParams() == null ? null : stage.maxParams().doubleValue(),
        "maxParams");
    return broken;
  }

  private static void check(List<String> broken, ModelReference candidate, String metric, Double limit, String field) {
    if (limit == null) {
      return;
    }
    Double value = candidate.metric(metric);
    if (value == null) {
      broken.add(metric + " is not measured, so " + field + " cannot be checked; put an evaluate stage before the gate");
    } else if (value > limit) {
      broken.add(metric + " " + value(value) + " > " + field + " " + value(limit));
    }
  }

  /** {@code duration} in minutes as {@code timeoutMinutes} gives them: {@code 30}, {@code 0.5}. */
  static String minutes(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis()).divide(BigDecimal.valueOf(60_000), MathContext.DECIMAL64)
        .stripTrailingZeros().toPlainString();
  }

  /** A whole number as one ({@code 4810}, {@code 60}), anything else to 6 significant digits. */
  private static String value(Double v) {
    if (v == null) {
      return "missing";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString(v.longValue()) : String.format(Locale.ROOT, "%.6g", v);
  }
}
