package dev.modelsweep.worker.console;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.store.Json;
import dev.modelsweep.activityapi.ArtifactLayout;
import dev.modelsweep.client.PipelineClient;
import dev.modelsweep.client.PipelineHandle;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.client.SweepHandle;
import dev.modelsweep.client.SweepStatus;
import dev.modelsweep.pipeline.PipelineWorkflow;
import dev.modelsweep.pipeline.StageState;
import dev.modelsweep.spec.ObjectiveSpec;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.EpochMetrics;
import dev.modelsweep.trial.TrialResult;
import dev.modelsweep.workflow.Leaderboard;
import dev.modelsweep.workflow.SweepProgress;
import dev.modelsweep.workflow.SweepResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Builds {@link SweepView}s: state and trials through the client (queries while a sweep runs, its
 * result once it completed), per-epoch curves from the artifact store ({@code history.json} of each
 * trial, written by the training worker at the end of every train call).
 */
public final class SweepViews {

  /** How long a query waits for a worker before the view goes without its answer. */
  static final Duration QUERY_TIMEOUT = Duration.ofSeconds(3);

  private static final TypeReference<List<EpochMetrics>> CURVE = new TypeReference<>() {};

  private final SweepClient client;
  private final ArtifactStore artifacts;

  /**
   * @param client the connection to Temporal
   * @param artifacts the training workers' artifact root, where trials' curves are
   */
  public SweepViews(SweepClient client, ArtifactStore artifacts) {
    this.client = client;
    this.artifacts = artifacts;
  }

  /** The view of a sweep or a pipeline, by id; with {@code withCurves} every trial's curves too. */
  public SweepView of(String id, boolean withCurves) {
    String type = client.workflowClient().newUntypedWorkflowStub(id).describe().getWorkflowType();
    return type.equals(PipelineWorkflow.TYPE) ? pipeline(id) : sweep(id, withCurves);
  }

  private SweepView pipeline(String id) {
    PipelineHandle handle = PipelineClient.of(client.workflowClient()).handle(id);
    SweepStatus status = handle.status();
    List<StageState> stages = status.running()
        ? handle.stages(QUERY_TIMEOUT).orElse(List.of())
        : outcome(handle);
    return new SweepView(id, "pipeline", word(status), status.failure(), null, List.of(), List.of(), List.of(),
        List.of(), stages, Map.of());
  }

  private static List<StageState> outcome(PipelineHandle handle) {
    try {
      return handle.outcome().stages();
    } catch (RuntimeException e) {
      return List.of(); // it failed before any stage ran (an invalid document)
    }
  }

  private SweepView sweep(String id, boolean withCurves) {
    SweepHandle handle = client.handle(id);
    SweepStatus status = handle.status();
    SweepProgress progress = status.running() ? handle.progress(QUERY_TIMEOUT).orElse(null) : null;
    Optional<SweepResult> result = status.state() == SweepStatus.State.COMPLETED ? result(handle) : Optional.empty();
    List<TrialResult> trials = result.map(SweepResult::trials)
        .orElseGet(() -> handle.leaderboard(QUERY_TIMEOUT).orElse(List.of()));
    ObjectiveSpec objective = spec(handle).map(SweepSpec::objectiveOrDefault).orElse(null);
    List<SweepView.Objective> objectives = objective == null ? List.of() : objective.metricsOrDefault().stream()
        .map(m -> new SweepView.Objective(m.name(), m.directionOrDefault().name().toLowerCase(Locale.ROOT)))
        .toList();
    List<String> front = result.map(SweepResult::paretoFront)
        .orElseGet(() -> objective == null ? List.of() : Leaderboard.paretoFront(trials, objective));
    List<ParameterImportance.Score> importance =
        objectives.isEmpty() ? List.of() : ParameterImportance.of(trials, objectives.get(0).name());
    Map<String, List<EpochMetrics>> curves = new LinkedHashMap<>();
    if (withCurves) {
      for (TrialResult t : trials) {
        curves.put(t.id(), curve(id, t.id()));
      }
    }
    return new SweepView(id, "sweep", word(status), status.failure(), progress, objectives, trials, front, importance,
        List.of(), curves);
  }

  private static Optional<SweepResult> result(SweepHandle handle) {
    try {
      return Optional.of(handle.result(QUERY_TIMEOUT));
    } catch (TimeoutException e) {
      return Optional.empty();
    }
  }

  /** The spec from the sweep itself, or from its results folder when no worker answers. */
  private Optional<SweepSpec> spec(SweepHandle handle) {
    Optional<SweepSpec> asked = handle.spec(QUERY_TIMEOUT);
    if (asked.isPresent()) {
      return asked;
    }
    String saved = ArtifactLayout.sweepDir(handle.id()) + "/spec.json";
    try {
      return artifacts.exists(saved)
          ? Optional.of(SpecParser.parse(new String(artifacts.read(saved), StandardCharsets.UTF_8)))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A trial's per-epoch metrics so far; empty before its first train call ended. */
  public List<EpochMetrics> curve(String sweepId, String trialId) {
    String path = ArtifactLayout.trialDir(sweepId, trialId) + "/history.json";
    try {
      return artifacts.exists(path) ? Json.mapper().readValue(artifacts.read(path), CURVE) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + artifacts.resolve(path) + ": " + e.getMessage(), e);
    }
  }

  private static String word(SweepStatus status) {
    return status.state().name().toLowerCase(Locale.ROOT);
  }
}
