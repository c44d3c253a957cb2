package dev.modelsweep.workflow;

import dev.modelsweep.activity.ArtifactLayout;
import dev.modelsweep.activity.TrainingActivities;
import dev.modelsweep.spec.ObjectiveSpec;
import dev.modelsweep.trial.EvaluateRequest;
import dev.modelsweep.trial.Evaluation;
import dev.modelsweep.trial.Metrics;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrainResult;
import dev.modelsweep.trial.TrialConfig;
import dev.modelsweep.trial.TrialResult;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** See {@link TrialWorkflow}. */
public final class TrialWorkflowImpl implements TrialWorkflow {

  @Override
  public TrialResult run(TrialConfig trial, ObjectiveSpec objective) {
    String folder = ArtifactLayout.trialDir(trial.sweepId(), trial.trialId());
    Duration heartbeat = Duration.ofSeconds(trial.training().heartbeatTimeoutSecondsOrDefault());
    TrainingActivities train = ActivityStubs.training(heartbeat);
    TrainingActivities evaluate = ActivityStubs.shortSteps(Duration.ofMinutes(30), heartbeat);
    TrainResult trained;
    Evaluation evaluation;
    try {
      trained = train.train(TrainRequest.full(trial));
      evaluation = evaluate.evaluate(new EvaluateRequest(trial, trained.model()));
    } catch (ActivityFailure failure) {
      return new TrialResult(
          trial.trialId(), trial.index(), trial.params(), TrialResult.Status.FAILED, Map.of(),
          reason(failure), folder);
    }
    Map<String, Double> metrics = metrics(trained, evaluation);
    List<String> broken = brokenConstraints(evaluation, objective);
    TrialResult.Status status =
        broken.isEmpty() ? TrialResult.Status.COMPLETED : TrialResult.Status.INFEASIBLE;
    return new TrialResult(
        trial.trialId(), trial.index(), trial.params(), status, metrics,
        broken.isEmpty() ? null : String.join("; ", broken), folder);
  }

  private static Map<String, Double> metrics(TrainResult trained, Evaluation e) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(Metrics.VAL_ACCURACY, e.valAccuracy());
    m.put(Metrics.VAL_LOSS, e.valLoss());
    m.put(Metrics.TEST_ACCURACY, e.testAccuracy());
    m.put(Metrics.TEST_LOSS, e.testLoss());
    m.put(Metrics.TRAIN_LOSS, trained.last().trainLoss());
    m.put(Metrics.PARAMS, (double) e.params());
    m.put(Metrics.SIZE_BYTES, (double) e.sizeBytes());
    m.put(Metrics.LATENCY_P50_MS, e.latencyP50Ms());
    m.put(Metrics.LATENCY_P95_MS, e.latencyP95Ms());
    m.put(Metrics.EPOCHS, (double) trained.epochsCompleted());
    m.put(Metrics.TRAIN_SECONDS, trained.trainSeconds());
    return m;
  }

  private static List<String> brokenConstraints(Evaluation e, ObjectiveSpec objective) {
    List<String> broken = new ArrayList<>();
    if (objective.maxParams() != null && e.params() > objective.maxParams()) {
      broken.add("params " + e.params() + " > objective.maxParams " + objective.maxParams());
    }
    if (objective.maxSizeBytes() != null && e.sizeBytes() > objective.maxSizeBytes()) {
      broken.add("size_bytes " + e.sizeBytes() + " > objective.maxSizeBytes " + objective.maxSizeBytes());
    }
    if (objective.maxLatencyMs() != null && e.latencyP95Ms() > objective.maxLatencyMs()) {
      broken.add(
          String.format(Locale.ROOT, "latency_p95_ms %.3f > objective.maxLatencyMs %s",
              e.latencyP95Ms(), objective.maxLatencyMs()));
    }
    return broken;
  }

  /** The innermost application message, e.g. "Diverged: loss is NaN at epoch 3". */
  private static String reason(TemporalFailure failure) {
    Throwable t = failure;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof ApplicationFailure app) {
      return app.getType() + ": " + app.getOriginalMessage();
    }
    return t.getMessage();
  }
}
