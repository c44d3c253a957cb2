package dev.modelsweep.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelsweep.activity.FailureTypes;
import dev.modelsweep.activity.TrainingActivities;
import dev.modelsweep.search.Observation;
import dev.modelsweep.search.Samplers;
import dev.modelsweep.search.Sampler;
import dev.modelsweep.spec.ModelSpec;
import dev.modelsweep.spec.SpecException;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.spec.TrialConfigs;
import dev.modelsweep.trial.DatasetSummary;
import dev.modelsweep.trial.Metrics;
import dev.modelsweep.trial.TrialConfig;
import dev.modelsweep.trial.TrialResult;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** See {@link SweepWorkflow}. */
public final class SweepWorkflowImpl implements SweepWorkflow {

  /** Best trials kept in the result and carried across continue-as-new; all stay on disk. */
  public static final int KEEP_BEST = 200;

  /**
   * History events after which the sweep stops starting trials, lets the running ones finish and
   * continues as new. A trial costs about ten events, so a run holds a few hundred trials.
   */
  static final int HISTORY_LIMIT = 4000;

  private SweepSpec spec;
  private TrainingActivities activities;
  private SweepProgress.State state = SweepProgress.State.PREPARING;
  private int planned;
  private SweepState before = new SweepState(null, 0, 0, 0, List.of(), false, 0, 0, List.of());
  private long epochsTrained;
  private final List<ProgressPoint> history = new ArrayList<>();
  private int started;
  private final List<TrialResult> finished = new ArrayList<>();
  private final TreeSet<String> running = new TreeSet<>();
  private boolean paused;
  private boolean stopRequested;

  @Override
  public SweepResult run(JsonNode json, SweepState carried) {
    try {
      spec = SpecParser.parse(json);
    } catch (SpecException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.INVALID_SPEC);
    } catch (RuntimeException e) {
      // Validation should report every bad input as a SpecException; should one slip through,
      // fail the sweep with it rather than retry this workflow task forever.
      throw ApplicationFailure.newNonRetryableFailure(
          "spec: cannot be read (" + e + "); check it against docs/sweep-spec.schema.json",
          FailureTypes.INVALID_SPEC);
    }
    activities = ActivityStubs.shortSteps(
        Duration.ofMinutes(10), Duration.ofSeconds(spec.trainingOrDefault().heartbeatTimeoutSecondsOrDefault()));
    String sweepId = Workflow.getInfo().getWorkflowId();
    if (carried != null) {
      before = carried;
      finished.addAll(carried.best());
      paused = paused || carried.paused();
      epochsTrained = carried.epochsTrained();
      if (carried.history() != null) {
        history.addAll(carried.history());
      }
    }
    DatasetSummary dataset = carried != null ? carried.dataset() : checkData();
    started = before.started();
    Sampler strategy = Samplers.create(spec, ActivityStubs.suggest()::suggestGp);
    planned = strategy.plannedTrials();
    state = SweepProgress.State.RUNNING;

    int maxConcurrent = spec.searchOrDefault().maxConcurrentOrDefault();
    boolean exhausted = false;
    while (!exhausted) {
      Workflow.await(
          () -> stopRequested || historyFull() || (!paused && running.size() < maxConcurrent));
      if (stopRequested || historyFull()) {
        break;
      }
      List<Observation> seen = finished.stream().map(t -> Observation.of(t, spec.objectiveOrDefault())).toList();
      Optional<Map<String, Object>> params = strategy.propose(started, seen);
      if (params.isPresent()) {
        startTrial(TrialConfigs.resolve(spec, sweepId, started, params.get()));
        started++;
      }
      exhausted = params.isEmpty();
    }
    if (stopRequested) {
      state = SweepProgress.State.STOPPING;
    }
    Workflow.await(running::isEmpty);
    if (!exhausted && !stopRequested) {
      Workflow.continueAsNew(json, carryOver(dataset));
    }

    List<TrialResult> ranked = top(leaderboard());
    String folder = activities.saveResults(sweepId, SpecParser.toJson(spec).toString(), ranked);
    state = SweepProgress.State.DONE;
    return new SweepResult(
        sweepId, spec.name(), stopRequested, dataset, before.completed() + finishedThisRun(),
        ranked, folder, epochsTrained, List.copyOf(history));
  }

  /** Loads the data once, before any trial, so a missing file or a bad column fails at once. */
  private DatasetSummary checkData() {
    DatasetSummary dataset = activities.describeDataset(spec);
    if (spec.model().family() == ModelSpec.Family.CNN && !dataset.isImage()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "model.family: cnn needs image-shaped data, but " + dataset.name() + " has shape "
              + dataset.shape() + "; set dataset.shape [channels, height, width] or use mlp",
          FailureTypes.INVALID_SPEC);
    }
    return dataset;
  }

  /**
   * How long a workflow task may take before Temporal gives it to another worker: a worker killed
   * mid-task then costs no more than a killed training worker (the heartbeat timeout), capped at
   * Temporal's default of 10 s. Tasks take milliseconds; the spec parser is warmed up at start.
   */
  public static Duration workflowTaskTimeout(SweepSpec spec) {
    return Duration.ofSeconds(Math.min(10, spec.trainingOrDefault().heartbeatTimeoutSecondsOrDefault()));
  }

  private boolean historyFull() {
    return Workflow.getInfo().getHistoryLength() > HISTORY_LIMIT
        || Workflow.getInfo().isContinueAsNewSuggested();
  }

  private SweepState carryOver(DatasetSummary dataset) {
    return new SweepState(
        dataset, started, before.completed() + finishedThisRun(), before.failed() + failedThisRun(),
        top(leaderboard()), paused, before.runs() + 1, epochsTrained, List.copyOf(history));
  }

  private int finishedThisRun() {
    return finished.size() - before.best().size();
  }

  private int failedThisRun() {
    return (int) finished.stream().skip(before.best().size())
        .filter(t -> t.status() == TrialResult.Status.FAILED).count();
  }

  private static List<TrialResult> top(List<TrialResult> ranked) {
    return ranked.size() <= KEEP_BEST ? ranked : List.copyOf(ranked.subList(0, KEEP_BEST));
  }

  private void startTrial(TrialConfig trial) {
    TrialWorkflow child =
        Workflow.newChildWorkflowStub(
            TrialWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(trial.sweepId() + "/" + trial.trialId())
                .setWorkflowTaskTimeout(workflowTaskTimeout(spec))
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE)
                .build());
    running.add(trial.trialId());
    Promise<TrialResult> result = Async.function(child::run, trial, spec.objectiveOrDefault());
    result.handle(
        (r, failure) -> {
          running.remove(trial.trialId());
          finished.add(
              failure == null
                  ? r
                  : new TrialResult(
                      trial.trialId(), trial.index(), trial.params(), TrialResult.Status.FAILED,
                      Map.of(), String.valueOf(failure.getMessage()), null));
          recordProgress(finished.get(finished.size() - 1));
          return null;
        });
  }

  /** Counts the ended trial's epochs and adds a history point when the leader changed. */
  private void recordProgress(TrialResult ended) {
    Double epochs = ended.metric(Metrics.EPOCHS);
    epochsTrained += epochs == null ? 0 : epochs.longValue();
    List<TrialResult> ranked = leaderboard();
    TrialResult best = ranked.isEmpty() ? null : ranked.get(0);
    if (best == null || best.status() == TrialResult.Status.FAILED) {
      return;
    }
    String leader = history.isEmpty() ? null : history.get(history.size() - 1).bestTrial();
    if (!best.id().equals(leader)) {
      Double value = best.metric(spec.objectiveOrDefault().metricOrDefault());
      history.add(new ProgressPoint(
          before.completed() + finishedThisRun(), epochsTrained, best.id(),
          value == null ? Double.NaN : value));
    }
  }

  @Override
  public SweepProgress progress() {
    List<TrialResult> ranked = leaderboard();
    SweepProgress.State shown =
        state == SweepProgress.State.RUNNING && paused ? SweepProgress.State.PAUSED : state;
    TrialResult best =
        ranked.isEmpty() || ranked.get(0).status() == TrialResult.Status.FAILED ? null : ranked.get(0);
    return new SweepProgress(
        shown, planned, started, before.completed() + finishedThisRun(),
        before.failed() + failedThisRun(), List.copyOf(running), best);
  }

  @Override
  public List<TrialResult> leaderboard() {
    return spec == null ? List.of() : Leaderboard.rank(finished, spec.objectiveOrDefault());
  }

  @Override
  public void pause() {
    paused = true;
  }

  @Override
  public void resume() {
    paused = false;
  }

  @Override
  public void stop() {
    stopRequested = true;
  }
}
