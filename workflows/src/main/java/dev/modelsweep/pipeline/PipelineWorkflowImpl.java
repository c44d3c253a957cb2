package dev.modelsweep.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelsweep.activityapi.FailureTypes;
import dev.modelsweep.activityapi.PipelineActivities;
import dev.modelsweep.activityapi.RegistryActivities;
import dev.modelsweep.model.ModelReference;
import dev.modelsweep.spec.SpecProblem;
import dev.modelsweep.workflow.ActivityStubs;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** See {@link PipelineWorkflow}. */
public final class PipelineWorkflowImpl implements PipelineWorkflow {

  /** Start-to-close timeout of a pipeline activity (publishing or measuring a model). */
  static final Duration STEP_TIMEOUT = Duration.ofMinutes(30);
  /** Pipeline activities heartbeat every second; a worker silent this long is presumed dead. */
  static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);

  private final Map<String, StageState> states = new LinkedHashMap<>();
  /** A person's decision on each gate that got one, by stage id. */
  private final Map<String, StageBoard.Decision> decisions = new HashMap<>();
  /** What each stage decided, shown as its reason once it completes. */
  private final Map<String, String> notes = new HashMap<>();
  private final Map<String, List<ModelReference>> outputs = new HashMap<>();
  /** Stages ended so far; the main loop wakes when it changes. */
  private int ended;

  @Override
  public PipelineResult run(JsonNode document) {
    Validated validated = validatedOnce(document);
    if (!validated.problems().isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          validated.problems().stream().map(SpecProblem::toString).collect(Collectors.joining("\n")),
          FailureTypes.INVALID_SPEC);
    }
    PipelineSpec pipeline = validated.pipeline();
    String pipelineId = Workflow.getInfo().getWorkflowId();
    PipelineActivities activities = ActivityStubs.of(PipelineActivities.class, STEP_TIMEOUT, HEARTBEAT_TIMEOUT);
    RegistryActivities registry = ActivityStubs.of(RegistryActivities.class, STEP_TIMEOUT, HEARTBEAT_TIMEOUT);
    Map<String, Integer> keep = keep(pipeline);
    pipeline.stages().forEach(s -> states.put(s.id(), StageState.pending(s)));
    while (true) {
      boolean changed = true;
      while (changed) {
        changed = false;
        for (StageSpec stage : pipeline.stages()) {
          changed |= advance(pipelineId, stage, keep.getOrDefault(stage.id(), 1), activities, registry);
        }
      }
      if (states.values().stream().noneMatch(s -> s.status() == StageStatus.RUNNING || s.status() == StageStatus.WAITING)) {
        break;
      }
      int seen = ended;
      Workflow.await(() -> ended != seen);
    }
    PipelineResult result = new PipelineResult(pipelineId, pipeline.name(), List.copyOf(states.values()));
    List<StageState> failed = result.failed();
    if (!failed.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          failed.size() + " of " + states.size() + " stages failed: "
              + failed.stream().map(s -> s.id() + " (" + s.reason() + ")").collect(Collectors.joining("; ")),
          STAGE_FAILED, result);
    }
    return result;
  }

  /** {@link Workflow#getVersion} change id: validation moved from a side effect to a local activity. */
  static final String VALIDATE_IN_LOCAL_ACTIVITY = "validate-in-local-activity";

  /**
   * Validates the document once per pipeline in a local activity ({@link PipelineValidation}), off
   * the workflow thread; a replay reads the recorded answer. Pipelines recorded before the change
   * validated in a side effect, also recorded; their replay reads that marker.
   */
  private static Validated validatedOnce(JsonNode document) {
    int version = Workflow.getVersion(VALIDATE_IN_LOCAL_ACTIVITY, Workflow.DEFAULT_VERSION, 1);
    return version == Workflow.DEFAULT_VERSION
        ? Workflow.sideEffect(Validated.class, () -> Validated.of(document))
        : ActivityStubs.validation(PipelineValidation.class).validate(document);
  }

  /**
   * Starts a pending stage whose dependencies completed, or fails one whose dependency failed;
   * returns whether it did either.
   */
  private boolean advance(
      String pipelineId, StageSpec stage, int keep, PipelineActivities activities, RegistryActivities registry) {
    StageState state = states.get(stage.id());
    if (state.status() != StageStatus.PENDING) {
      return false;
    }
    for (String dependency : state.dependsOn()) {
      if (states.get(dependency).status() == StageStatus.FAILED) {
        states.put(stage.id(), state.failed("not run: stage " + dependency + " failed"));
        return true;
      }
    }
    if (!state.dependsOn().stream().allMatch(d -> states.get(d).status() == StageStatus.COMPLETED)) {
      return false;
    }
    states.put(stage.id(), state.running());
    StageRun run = new StageRun(pipelineId, stage, keep, Map.copyOf(outputs), activities, registry, board);
    Promise<List<ModelReference>> output = Async.function(Operators.of(stage)::run, run);
    output.handle((models, failure) -> {
      if (failure == null) {
        outputs.put(stage.id(), models);
        states.put(stage.id(), states.get(stage.id()).completed(models, notes.get(stage.id())));
      } else {
        states.put(stage.id(), states.get(stage.id()).failed(reason(failure)));
      }
      ended++;
      return null;
    });
    return true;
  }

  /** For each stage, how many of its models later stages take: the largest K that refers to it. */
  private static Map<String, Integer> keep(PipelineSpec pipeline) {
    Map<String, Integer> out = new HashMap<>();
    for (StageSpec stage : pipeline.stages()) {
      for (StageReference r : stage.references().values()) {
        out.merge(r.stage(), r.count(), Math::max);
      }
    }
    return out;
  }

  /** The innermost message: the activity's, the child sweep's, or the operator's own. */
  private static String reason(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof ApplicationFailure app ? app.getOriginalMessage() : String.valueOf(t.getMessage());
  }

  @Override
  public List<StageState> stages() {
    return List.copyOf(states.values());
  }

  /** The board the stages of this run write to; see {@link StageBoard}. */
  private final StageBoard board = new StageBoard() {
    @Override
    public void note(String stageId, String note) {
      notes.put(stageId, note);
    }

    @Override
    public Decision awaitDecision(String stageId, String why, Duration timeout) {
      states.put(stageId, states.get(stageId).waiting(why));
      boolean decided = Workflow.await(timeout, () -> decisions.containsKey(stageId));
      if (!decided) {
        return new Decision(false, "no approve or reject within " + GateOperator.minutes(timeout) + " min (timeoutMinutes)");
      }
      states.put(stageId, states.get(stageId).running());
      return decisions.get(stageId);
    }
  };

  @Override
  public void approve(String stage) {
    decisions.put(stage, new StageBoard.Decision(true, "approved"));
  }

  @Override
  public void validateApprove(String stage) {
    requireWaitingGate(stage);
  }

  @Override
  public void reject(String stage, String reason) {
    decisions.put(stage, new StageBoard.Decision(false, reason == null || reason.isBlank() ? "by a person" : reason));
  }

  @Override
  public void validateReject(String stage, String reason) {
    requireWaitingGate(stage);
  }

  /** The validators' check: refuses anything but a gate of this pipeline that waits for a decision. */
  private void requireWaitingGate(String stage) {
    StageState state = stage == null ? null : states.get(stage);
    if (state == null) {
      throw new IllegalArgumentException("no stage " + stage + " in this pipeline; stages: "
          + String.join(", ", states.keySet()));
    }
    if (!state.operator().equals("gate")) {
      throw new IllegalArgumentException("stage " + stage + " is a " + state.operator()
          + " stage, not a gate; only a waiting gate takes approve or reject");
    }
    if (state.status() != StageStatus.WAITING || decisions.containsKey(stage)) {
      throw new IllegalArgumentException("gate " + stage + " is not waiting for a decision (it is "
          + (decisions.containsKey(stage) ? "decided" : state.status().word()) + ")");
    }
  }
}
