package dev.modelsweep.workflow;

import dev.modelsweep.activityapi.ArtifactLayout;
import dev.modelsweep.activityapi.TrainingActivities;
import dev.modelsweep.spec.Metrics;
import dev.modelsweep.spec.ObjectiveSpec;
import dev.modelsweep.trial.EvaluateRequest;
import dev.modelsweep.trial.Evaluation;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrainResult;
import dev.modelsweep.trial.TrialConfig;
import dev.modelsweep.trial.TrialResult;
import io.temporal.api.enums.v1.SignalExternalWorkflowExecutionFailedCause;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** See {@link TrialWorkflow}. */
public final class TrialWorkflowImpl implements TrialWorkflow {

  /** Tries of a signal to the sweep before it counts as gone. */
  static final int SIGNAL_ATTEMPTS = 10;

  private TrialDecision decision;

  @Override
  public TrialResult run(TrialRun run) {
    TrialConfig trial = run.trial();
    String folder = ArtifactLayout.trialDir(trial.sweepId(), trial.trialId());
    Duration heartbeat = Duration.ofSeconds(trial.training().heartbeatTimeoutSecondsOrDefault());
    TrainingActivities train = ActivityStubs.training(heartbeat);
    TrainingActivities evaluate = ActivityStubs.shortSteps(Duration.ofMinutes(30), heartbeat);
    SweepWorkflow sweep = Workflow.newExternalWorkflowStub(SweepWorkflow.class, trial.sweepId());
    int epochs = trial.training().epochsOrDefault();
    Workflow.getMetricsScope().counter(SweepMetrics.TRIALS_STARTED).inc(1);
    TrialResult result;
    try {
      String stopped = null;
      // Each call resumes from the checkpoint the last one wrote after its last epoch: a trial
      // continued past a rung never trains an epoch twice.
      TrainResult trained = train.train(new TrainRequest(trial, run.untilEpoch()));
      double trainSeconds = trained.trainSeconds();
      while (trained.epochsCompleted() < epochs && stopped == null) {
        decision = null;
        TrialReport report = new TrialReport(trial.index(), trained.last());
        if (!signal(() -> sweep.trialReached(report))) {
          stopped = "stopped at epoch " + trained.epochsCompleted() + ": its sweep is gone";
          break;
        }
        Workflow.await(() -> decision != null);
        if (decision.stopReason() != null) {
          stopped = decision.stopReason();
        } else {
          trained = train.train(new TrainRequest(trial, decision.untilEpoch()));
          trainSeconds = countsEveryCall() ? trainSeconds + trained.trainSeconds() : trained.trainSeconds();
        }
      }
      Evaluation evaluation = evaluate.evaluate(new EvaluateRequest(trial, trained.model()));
      result = judged(trial, run.objective(), trained, trainSeconds, evaluation, stopped, folder);
    } catch (ActivityFailure failure) {
      result = new TrialResult(
          trial.trialId(), trial.index(), trial.params(), TrialResult.Status.FAILED, Map.of(),
          reason(failure), folder);
    }
    TrialResult ended = result;
    SweepMetrics.ended(Workflow.getMetricsScope(), ended);
    signal(() -> sweep.trialEnded(ended));
    return result;
  }

  @Override
  public void decide(TrialDecision decision) {
    this.decision = decision;
  }

  /** Completed, stopped or infeasible, with every reason in {@code failure}. */
  private static TrialResult judged(
      TrialConfig trial, ObjectiveSpec objective, TrainResult trained, double trainSeconds, Evaluation evaluation,
      String stopped, String folder) {
    List<String> reasons = new ArrayList<>();
    if (stopped != null) {
      reasons.add(stopped);
    }
    List<String> broken = brokenConstraints(evaluation, objective);
    reasons.addAll(broken);
    TrialResult.Status status = !broken.isEmpty() ? TrialResult.Status.INFEASIBLE
        : stopped != null ? TrialResult.Status.STOPPED : TrialResult.Status.COMPLETED;
    return new TrialResult(
        trial.trialId(), trial.index(), trial.params(), status, metrics(trained, trainSeconds, evaluation),
        reasons.isEmpty() ? null : String.join("; ", reasons), folder, trained.device());
  }

  /** {@link Workflow#getVersion} change id: a signal refused as NOT_FOUND is tried again. */
  static final String RETRY_NOT_FOUND_SIGNAL = "retry-not-found-signal";

  /**
   * Sends a signal to the sweep; false when the sweep is gone (it failed or was terminated), so a
   * trial started by it still ends cleanly. A signal can also miss the sweep for a moment while it
   * continues as new, so a refused one is tried again, {@value #SIGNAL_ATTEMPTS} times a second
   * apart, before the sweep counts as gone.
   *
   * <p>The SDK reports a refused signal as an {@link ApplicationFailure} whose type is the refusal's
   * cause, not as the {@code SignalExternalWorkflowException} its Javadoc names. Until that was
   * caught, a report landing in the moment of a handover failed the trial, and its sweep waited for
   * it forever. Runs recorded before the change failed there, and replay as they ran.
   */
  private static boolean signal(Runnable send) {
    for (int attempt = 1; ; attempt++) {
      try {
        send.run();
        return true;
      } catch (ApplicationFailure e) {
        if (!NOT_FOUND.equals(e.getType())
            || Workflow.getVersion(RETRY_NOT_FOUND_SIGNAL, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
          throw e;
        }
        if (attempt == SIGNAL_ATTEMPTS) {
          return false;
        }
      }
      Workflow.sleep(Duration.ofSeconds(1));
    }
  }

  /** The type of the failure a signal to a workflow that does not exist (now) completes with. */
  private static final String NOT_FOUND =
      SignalExternalWorkflowExecutionFailedCause.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND
          .name();

  /**
   * {@link Workflow#getVersion} change id: a trial's {@code train_seconds} counts every train call
   * (each rung it was continued past), not only the last.
   */
  static final String TRAIN_SECONDS_EVERY_CALL = "train-seconds-every-call";

  /**
   * Whether {@code train_seconds} sums the trial's train calls. Trials recorded before reported
   * the last call's seconds, and replay so; asked only once a trial is continued, so a trial
   * trained in one call records no marker.
   */
  private static boolean countsEveryCall() {
    return Workflow.getVersion(TRAIN_SECONDS_EVERY_CALL, Workflow.DEFAULT_VERSION, 1) == 1;
  }

  private static Map<String, Double> metrics(TrainResult trained, double trainSeconds, Evaluation e) {
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
    m.put(Metrics.LATENCY_P99_MS, e.latencyP99Ms());
    m.put(Metrics.THROUGHPUT_PER_S, e.throughputPerS());
    m.put(Metrics.EPOCHS, (double) trained.epochsCompleted());
    m.put(Metrics.TRAIN_SECONDS, trainSeconds);
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
