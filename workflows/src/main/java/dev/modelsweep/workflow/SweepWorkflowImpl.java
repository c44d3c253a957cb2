package dev.modelsweep.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelsweep.activity.FailureTypes;
import dev.modelsweep.activity.TrainingActivities;
import dev.modelsweep.search.SearchStrategies;
import dev.modelsweep.search.SearchStrategy;
import dev.modelsweep.spec.ModelSpec;
import dev.modelsweep.spec.SpecException;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.spec.TrialConfigs;
import dev.modelsweep.trial.DatasetSummary;
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

  private final TrainingActivities activities = ActivityStubs.shortSteps(Duration.ofMinutes(10));

  private SweepSpec spec;
  private SweepProgress.State state = SweepProgress.State.PREPARING;
  private int planned;
  private int started;
  private final List<TrialResult> finished = new ArrayList<>();
  private final TreeSet<String> running = new TreeSet<>();
  private boolean paused;
  private boolean stopRequested;

  @Override
  public SweepResult run(JsonNode json) {
    try {
      spec = SpecParser.parse(json);
    } catch (SpecException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.INVALID_SPEC);
    }
    String sweepId = Workflow.getInfo().getWorkflowId();
    DatasetSummary dataset = activities.describeDataset(spec.dataset(), spec.seedOrDefault());
    if (spec.model().family() == ModelSpec.Family.CNN && !dataset.isImage()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "model.family: cnn needs image-shaped data, but " + dataset.name() + " has shape "
              + dataset.shape() + "; set dataset.shape [channels, height, width] or use mlp",
          FailureTypes.INVALID_SPEC);
    }
    SearchStrategy strategy = SearchStrategies.create(spec);
    planned = strategy.plannedTrials();
    state = SweepProgress.State.RUNNING;

    int maxConcurrent = spec.searchOrDefault().maxConcurrentOrDefault();
    while (true) {
      Workflow.await(() -> stopRequested || (!paused && running.size() < maxConcurrent));
      if (stopRequested) {
        break;
      }
      Optional<Map<String, Object>> params = strategy.suggest(started, List.copyOf(finished));
      if (params.isEmpty()) {
        break;
      }
      startTrial(TrialConfigs.resolve(spec, sweepId, started, params.get()));
      started++;
    }
    if (stopRequested) {
      state = SweepProgress.State.STOPPING;
    }
    Workflow.await(running::isEmpty);

    List<TrialResult> ranked = leaderboard();
    String specJson = SpecParser.toJson(spec).toString();
    String folder = activities.saveResults(sweepId, specJson, ranked);
    state = SweepProgress.State.DONE;
    return new SweepResult(sweepId, spec.name(), stopRequested, dataset, ranked, folder);
  }

  private void startTrial(TrialConfig trial) {
    TrialWorkflow child =
        Workflow.newChildWorkflowStub(
            TrialWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(trial.sweepId() + "/" + trial.trialId())
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
          return null;
        });
  }

  @Override
  public SweepProgress progress() {
    List<TrialResult> ranked = leaderboard();
    int failed = (int) finished.stream().filter(t -> t.status() == TrialResult.Status.FAILED).count();
    SweepProgress.State shown = state == SweepProgress.State.RUNNING && paused ? SweepProgress.State.PAUSED : state;
    TrialResult best = ranked.isEmpty() || ranked.get(0).status() == TrialResult.Status.FAILED ? null : ranked.get(0);
    return new SweepProgress(shown, planned, started, finished.size(), failed, List.copyOf(running), best);
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
