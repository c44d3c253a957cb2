package dev.modelsweep.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelsweep.activityapi.FailureTypes;
import dev.modelsweep.activityapi.TrainingActivities;
import dev.modelsweep.search.Decision;
import dev.modelsweep.search.EarlyStoppings;
import dev.modelsweep.search.Observation;
import dev.modelsweep.search.Samplers;
import dev.modelsweep.search.SchedulerState;
import dev.modelsweep.search.SchedulerStateCodec;
import dev.modelsweep.search.TrialScheduler;
import dev.modelsweep.spec.ModelSpec;
import dev.modelsweep.spec.ObjectiveSpec;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.DatasetSummary;
import dev.modelsweep.trial.TrialConfig;
import dev.modelsweep.trial.TrialConfigs;
import dev.modelsweep.trial.TrialResult;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** See {@link SweepWorkflow}. */
public final class SweepWorkflowImpl implements SweepWorkflow {

  /**
   * History events after which the sweep continues as new. A trial costs about ten events (more
   * with early stopping: four per report), so a run holds a few hundred trials.
   */
  static final int HISTORY_LIMIT = 4000;

  private SweepSpec spec;
  private SweepState from;
  private ObjectiveSpec objective;
  private TrialScheduler scheduler;
  private SweepProgress.State state = SweepProgress.State.PREPARING;
  /** The ranked pool: the best trials carried in, and every trial ended in this run. */
  private final List<TrialResult> finished = new ArrayList<>();
  private final List<ProgressPoint> history = new ArrayList<>();
  private int ended;
  private int failed;
  /** Trial reports and ends, in the order their signals arrived. */
  private final Deque<Object> inbox = new ArrayDeque<>();
  /** Child starts and decision signals still in flight; a handover waits for them. */
  private final List<Promise<?>> inFlight = new ArrayList<>();
  private boolean paused;
  private boolean stopRequested;
  /** Set by a budget Update: a sweep that had spent its budget may start trials again. */
  private boolean budgetChanged;
  /** The loop has ended: the sweep saves its results and takes no more changes. */
  private boolean finishing;
  /** Whether this run upserts {@link SweepSearchAttributes} (runs recorded before them do not). */
  private boolean publishes;
  /** The search attribute values last upserted, so an unchanged value costs no history event. */
  private final Map<String, Object> published = new HashMap<>();

  @Override
  public SweepResult run(JsonNode json, SweepState carried, byte[] schedulerState) {
    from = carried;
    SchedulerState schedulerStart = schedulerState == null ? SchedulerState.INITIAL
        : SchedulerStateCodec.decode(schedulerState);
    publishes = Workflow.getVersion(SEARCH_ATTRIBUTES, Workflow.DEFAULT_VERSION, 1) == 1;
    if (from == null) {
      try {
        spec = validatedOnce(json);
        publishIdentity();
        from = SweepState.initial(spec, checkData());
      } catch (ApplicationFailure failure) {
        publish(SearchAttributeUpdate.valueSet(SweepSearchAttributes.STATE, "failed"));
        throw failure;
      }
      schedulerStart = warmStarted();
    }
    spec = from.spec();
    objective = spec.objectiveOrDefault();
    finished.addAll(from.best());
    history.addAll(from.history());
    ended = from.ended();
    failed = from.failed();
    paused = paused || from.paused();
    inbox.addAll(from.unanswered());
    TrialScheduler.Order order =
        Workflow.getVersion(JUDGED_IN_TRIAL_ORDER, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION
            ? TrialScheduler.Order.ARRIVAL : TrialScheduler.Order.TRIAL;
    scheduler = new TrialScheduler(spec, Samplers.create(spec, ActivityStubs.suggest()::suggestGp),
        EarlyStoppings.create(spec), schedulerStart, order);
    state = SweepProgress.State.RUNNING;
    publishIdentity();
    publishProgress();

    String sweepId = Workflow.getInfo().getWorkflowId();
    int maxConcurrent = spec.searchOrDefault().maxConcurrentOrDefault();
    boolean done = false;
    boolean closed = false;
    while (true) {
      Decision last = fillSlots(sweepId, maxConcurrent, !done);
      boolean waiting = last instanceof Decision.Wait;
      done = done || last instanceof Decision.Done;
      if ((done || closed) && scheduler.runningCount() == 0) {
        break;
      }
      // After the slots are filled, so the next run takes over with every slot busy.
      if (historyFull()) {
        handOver(json, sweepId, maxConcurrent);
      }
      boolean canStart = !done && !waiting;
      boolean over = closed;
      Workflow.await(() -> !inbox.isEmpty() || (stopRequested && !over) || historyFull() || budgetChanged
          || (canStart && !paused && !stopRequested && scheduler.trainingCount() < maxConcurrent));
      if (budgetChanged) {
        budgetChanged = false;
        done = false;
      }
      if (stopRequested && !closed) {
        scheduler.close("stopped: the sweep was stopped");
        sendReleasedStops(sweepId);
        state = SweepProgress.State.STOPPING;
        closed = true;
      }
      handleInbox(sweepId);
      publishProgress();
    }

    finishing = true;
    List<TrialResult> ranked = top(leaderboard());
    TrainingActivities activities = shortSteps();
    String folder = activities.saveResults(sweepId, SpecParser.toJson(spec).toString(), ranked);
    state = SweepProgress.State.DONE;
    publishProgress();
    return new SweepResult(
        sweepId, spec.name(), stopRequested, from.dataset(), ended, ranked, folder,
        scheduler.epochsTrained(), List.copyOf(history), Leaderboard.paretoFront(ranked, objective));
  }

  /** {@link Workflow#getVersion} change id: validation moved from a side effect to a local activity. */
  static final String VALIDATE_IN_LOCAL_ACTIVITY = "validate-in-local-activity";

  /**
   * Parses and validates the input once per sweep in a local activity ({@link SpecValidation}),
   * off the workflow thread; a replay reads the recorded outcome, so a rule tightened later cannot
   * break a sweep already running. Sweeps recorded before the change validated in a side effect,
   * also recorded; their replay reads that marker.
   */
  private static SweepSpec validatedOnce(JsonNode json) {
    int version = Workflow.getVersion(VALIDATE_IN_LOCAL_ACTIVITY, Workflow.DEFAULT_VERSION, 1);
    ValidatedSpec validated = version == Workflow.DEFAULT_VERSION
        ? Workflow.sideEffect(ValidatedSpec.class, () -> new SpecValidationImpl().validate(json))
        : ActivityStubs.validation(SpecValidation.class).validate(json);
    if (validated.problem() != null) {
      throw ApplicationFailure.newNonRetryableFailure(validated.problem(), FailureTypes.INVALID_SPEC);
    }
    return validated.spec();
  }

  /**
   * Loads the data once, before any trial, so a missing file or a bad column fails at once. The
   * activity's reason becomes the sweep's own failure message: the Web UI shows a workflow's
   * outermost message, which for a failed activity says only "Activity task failed".
   */
  private DatasetSummary checkData() {
    DatasetSummary dataset;
    try {
      dataset = shortSteps().describeDataset(spec);
    } catch (ActivityFailure failure) {
      throw reasonOf(failure);
    }
    if (spec.model().family() == ModelSpec.Family.CNN && !dataset.isImage()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "model.family: cnn needs image-shaped data, but " + dataset.name() + " has shape "
              + dataset.shape() + "; set dataset.shape [channels, height, width] or use mlp",
          FailureTypes.INVALID_SPEC);
    }
    return dataset;
  }

  /**
   * A fresh scheduler's state: with the trials of the sweeps {@code search.warmStart} names as its
   * first observations, read by an activity (files) and so recorded in history once.
   */
  private SchedulerState warmStarted() {
    if (spec.searchOrDefault().warmStartOrEmpty().isEmpty()) {
      return SchedulerState.INITIAL;
    }
    List<Observation> priors = shortSteps().warmStart(spec);
    return new SchedulerState(0, false, 0, List.of(), priors, List.of());
  }

  /** The innermost application failure's message and type, with the activity failure as the cause. */
  private static ApplicationFailure reasonOf(ActivityFailure failure) {
    Throwable t = failure;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    String type = t instanceof ApplicationFailure app ? app.getType() : FailureTypes.INVALID_SPEC;
    String message = t instanceof ApplicationFailure app ? app.getOriginalMessage() : t.getMessage();
    return ApplicationFailure.newNonRetryableFailureWithCause(message, type, failure);
  }

  /** {@link Workflow#getVersion} change id: the sweep upserts {@link SweepSearchAttributes}. */
  static final String SEARCH_ATTRIBUTES = "search-attributes";

  /** The attributes that never change in a sweep: its name, strategy and objective metric. */
  private void publishIdentity() {
    publish(
        SearchAttributeUpdate.valueSet(SweepSearchAttributes.SPEC_NAME, spec.name()),
        SearchAttributeUpdate.valueSet(SweepSearchAttributes.STRATEGY,
            spec.searchOrDefault().strategyOrDefault().name().toLowerCase(Locale.ROOT)),
        SearchAttributeUpdate.valueSet(SweepSearchAttributes.METRIC, spec.objectiveOrDefault().metricOrDefault()));
  }

  /**
   * The state, trials done and best value, as {@link #progress()} reports them; a sweep done says
   * how it ended ({@code completed}, or {@code stopped} when a stop ended it).
   */
  private void publishProgress() {
    if (!publishes) {
      return;
    }
    // From the counters and the optimization history, not progress(): ranking the leaderboard on
    // every pass of the loop costs too much in a long sweep.
    String word = state == SweepProgress.State.DONE ? (stopRequested ? "stopped" : "completed")
        : stopRequested ? "stopping"
        : state == SweepProgress.State.RUNNING && paused ? "paused"
        : state.name().toLowerCase(Locale.ROOT);
    SearchAttributeUpdate<String> shown = SearchAttributeUpdate.valueSet(SweepSearchAttributes.STATE, word);
    SearchAttributeUpdate<Long> done = SearchAttributeUpdate.valueSet(SweepSearchAttributes.TRIALS_DONE, (long) ended);
    double best = history.isEmpty() ? Double.NaN : history.get(history.size() - 1).bestValue();
    if (Double.isFinite(best)) {
      publish(shown, done, SearchAttributeUpdate.valueSet(SweepSearchAttributes.BEST_METRIC, best));
    } else {
      publish(shown, done);
    }
  }

  /**
   * Upserts, in one history event, those of {@code updates} whose value changed, when this run
   * publishes search attributes at all.
   */
  private void publish(SearchAttributeUpdate<?>... updates) {
    if (!publishes) {
      return;
    }
    List<SearchAttributeUpdate<?>> changed = new ArrayList<>();
    for (SearchAttributeUpdate<?> update : updates) {
      Object value = update.getValue().orElseThrow();
      if (!value.equals(published.get(update.getKey().getName()))) {
        published.put(update.getKey().getName(), value);
        changed.add(update);
      }
    }
    if (!changed.isEmpty()) {
      Workflow.upsertTypedSearchAttributes(changed.toArray(SearchAttributeUpdate<?>[]::new));
    }
  }

  private TrainingActivities shortSteps() {
    return ActivityStubs.shortSteps(
        Duration.ofMinutes(10), Duration.ofSeconds(spec.trainingOrDefault().heartbeatTimeoutSecondsOrDefault()));
  }

  private boolean historyFull() {
    return Workflow.getInfo().getHistoryLength() > HISTORY_LIMIT
        || Workflow.getInfo().isContinueAsNewSuggested();
  }

  /** {@link Workflow#getVersion} change id: a handover answers reports and refills freed slots. */
  static final String HANDOVER_KEEPS_SLOTS_BUSY = "handover-keeps-slots-busy";

  /** {@link Workflow#getVersion} change id: reports are judged in trial order ({@link TrialScheduler.Order}). */
  static final String JUDGED_IN_TRIAL_ORDER = "judged-in-trial-order";

  /**
   * While a slot is free: sends on the trials judged to continue that wait for one (paused or not,
   * as a running trial continues), then, when {@code mayStart}, starts new trials if the sweep is
   * not paused or stopping. Returns the scheduler's answer that was not a start ({@link
   * Decision.Wait} or {@link Decision.Done}), or null when the slots are full (or no trial may
   * start).
   */
  private Decision fillSlots(String sweepId, int maxConcurrent, boolean mayStart) {
    while (scheduler.trainingCount() < maxConcurrent) {
      Optional<Decision.Continue> ready = scheduler.nextReady();
      if (ready.isPresent()) {
        send(sweepId, ready.get().index(), TrialDecision.continueTo(ready.get().untilEpoch()));
        continue;
      }
      if (!mayStart || paused || stopRequested) {
        return null;
      }
      Decision next = scheduler.next();
      if (!(next instanceof Decision.Start start)) {
        return next;
      }
      startTrial(sweepId, start);
    }
    return null;
  }

  /**
   * Continues as new without waiting for the running trials: they keep training and report to the
   * next run. Only commands already in flight (child starts, decisions on their way) are awaited,
   * since a closed run would drop them. Meanwhile the slots stay busy: reports are answered and a
   * trial that ends is replaced at once, so the next run takes over full slots. (Runs recorded
   * before that change carried the reports unanswered instead and left freed slots to the next
   * run.)
   */
  private void handOver(JsonNode json, String sweepId, int maxConcurrent) {
    boolean keepBusy = Workflow.getVersion(HANDOVER_KEEPS_SLOTS_BUSY, Workflow.DEFAULT_VERSION, 1) == 1;
    List<TrialReport> unanswered = new ArrayList<>();
    boolean done = false;
    while (true) {
      while (!inbox.isEmpty()) {
        Object event = inbox.poll();
        if (event instanceof TrialReport report) {
          if (keepBusy) {
            answer(sweepId, report);
          } else {
            unanswered.add(report);
          }
        } else {
          end(sweepId, (TrialResult) event);
        }
      }
      if (keepBusy) {
        done = done || fillSlots(sweepId, maxConcurrent, !done) instanceof Decision.Done;
      }
      inFlight.removeIf(Promise::isCompleted);
      if (inFlight.isEmpty()) {
        break;
      }
      Workflow.await(() -> !inbox.isEmpty() || inFlight.stream().allMatch(Promise::isCompleted));
    }
    SweepState next = new SweepState(
        spec, from.dataset(), ended, failed, top(leaderboard()), paused, from.runs() + 1, List.copyOf(history),
        unanswered);
    Workflow.continueAsNew(json, next, SchedulerStateCodec.encode(scheduler.state()));
  }

  private void handleInbox(String sweepId) {
    while (!inbox.isEmpty()) {
      Object event = inbox.poll();
      if (event instanceof TrialReport report) {
        answer(sweepId, report);
      } else {
        end(sweepId, (TrialResult) event);
      }
    }
  }

  private void answer(String sweepId, TrialReport report) {
    if (!scheduler.isRunning(report.index())) {
      return; // a duplicate, or a trial that already ended
    }
    Decision decision = scheduler.reached(
        report.index(), report.metrics().epoch(), Objectives.loss(report.metrics(), objective));
    if (decision instanceof Decision.Continue c) {
      send(sweepId, c.index(), TrialDecision.continueTo(c.untilEpoch()));
    } else if (decision instanceof Decision.Stop s) {
      send(sweepId, s.index(), TrialDecision.stop(s.reason()));
    } // Decision.Hold: answered later, when earlier trials have been judged or a slot frees
    sendReleasedStops(sweepId);
  }

  /** Sends the stops the scheduler decided for trials it held: they need no slot. */
  private void sendReleasedStops(String sweepId) {
    for (Decision.Stop stop : scheduler.releasedStops()) {
      send(sweepId, stop.index(), TrialDecision.stop(stop.reason()));
    }
  }

  /** Signals trial {@code index} what to do next. */
  private void send(String sweepId, int index, TrialDecision decision) {
    TrialWorkflow trial = Workflow.newExternalWorkflowStub(
        TrialWorkflow.class, childId(sweepId, TrialConfig.trialId(index)));
    track(Async.procedure(trial::decide, decision));
  }

  private void end(String sweepId, TrialResult result) {
    if (!scheduler.isRunning(result.index())) {
      return;
    }
    int reached = scheduler.running(result.index()).reached();
    scheduler.ended(Objectives.observation(result, objective), Objectives.epochs(result, reached));
    sendReleasedStops(sweepId);
    finished.add(result);
    ended++;
    if (result.status() == TrialResult.Status.FAILED) {
      failed++;
    }
    recordProgress();
  }

  private static List<TrialResult> top(List<TrialResult> ranked) {
    return ranked.size() <= KEEP_BEST ? ranked : List.copyOf(ranked.subList(0, KEEP_BEST));
  }

  private static String childId(String sweepId, String trialId) {
    return sweepId + "/" + trialId;
  }

  /**
   * Starts a trial as a child the sweep abandons on continue-as-new rather than terminates: it
   * reports by signal to whichever run is current. Its result promise only matters when the child
   * itself fails (it never does on its own; a terminated child does), which ends the trial here.
   */
  private void startTrial(String sweepId, Decision.Start start) {
    TrialConfig trial = TrialConfigs.resolve(spec, sweepId, start.index(), start.params());
    TrialWorkflow child =
        Workflow.newChildWorkflowStub(
            TrialWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(childId(sweepId, trial.trialId()))
                .setWorkflowTaskTimeout(SweepWorkflow.workflowTaskTimeout(spec))
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .build());
    Promise<TrialResult> result = Async.function(child::run, new TrialRun(trial, objective, start.untilEpoch()));
    track(Workflow.getWorkflowExecution(child));
    result.handle((r, failure) -> {
      if (failure != null) {
        inbox.add(new TrialResult(trial.trialId(), trial.index(), trial.params(), TrialResult.Status.FAILED,
            Map.of(), String.valueOf(failure.getMessage()), null));
      }
      return null;
    });
  }

  private void track(Promise<?> promise) {
    inFlight.removeIf(Promise::isCompleted);
    inFlight.add(promise);
  }

  /** Adds a history point when the trial that just ended made the leader change. */
  private void recordProgress() {
    List<TrialResult> ranked = leaderboard();
    TrialResult best = ranked.isEmpty() ? null : ranked.get(0);
    if (best == null || best.status() == TrialResult.Status.FAILED) {
      return;
    }
    String leader = history.isEmpty() ? null : history.get(history.size() - 1).bestTrial();
    if (!best.id().equals(leader)) {
      Double value = best.metric(objective.metricOrDefault());
      history.add(new ProgressPoint(
          ended, scheduler.epochsTrained(), best.id(), value == null ? Double.NaN : value,
          Workflow.currentTimeMillis()));
    }
  }

  @Override
  public SweepProgress progress() {
    List<TrialResult> ranked = leaderboard();
    SweepProgress.State shown =
        state == SweepProgress.State.RUNNING && paused ? SweepProgress.State.PAUSED : state;
    TrialResult best =
        ranked.isEmpty() || ranked.get(0).status() == TrialResult.Status.FAILED ? null : ranked.get(0);
    List<String> running = scheduler == null ? List.of()
        : scheduler.runningTrials().stream().map(t -> TrialConfig.trialId(t.index())).toList();
    return new SweepProgress(
        shown, scheduler == null ? 0 : scheduler.plannedTrials(), scheduler == null ? 0 : scheduler.started(),
        ended, failed, running, best, spec == null ? null : spec.objectiveOrDefault().metricOrDefault());
  }

  @Override
  public SweepSpec spec() {
    return spec;
  }

  @Override
  public List<TrialResult> leaderboard() {
    return spec == null ? List.of() : Leaderboard.rank(finished, spec.objectiveOrDefault());
  }

  @Override
  public SweepProgress.State pauseSweep() {
    pause();
    return progress().state();
  }

  @Override
  public void validatePause() {
    refuseWhenClosing("pause");
  }

  @Override
  public SweepProgress.State resumeSweep() {
    resume();
    return progress().state();
  }

  @Override
  public void validateResume() {
    refuseWhenClosing("resume");
  }

  @Override
  public SweepProgress.State stopSweep() {
    stop();
    return state == SweepProgress.State.DONE ? state : SweepProgress.State.STOPPING;
  }

  @Override
  public void validateStop() {
    if (state == SweepProgress.State.DONE) {
      throw new IllegalStateException(
          "the sweep is done: it is saving its results and starts no more trials; nothing to stop");
    }
  }

  @Override
  public EpochBudget changeEpochBudget(long epochs) {
    spec = spec.withSearch(spec.searchOrDefault().withEpochBudget(epochs));
    scheduler.setEpochBudget(epochs);
    budgetChanged = true;
    return new EpochBudget(epochs, scheduler.epochsTrained());
  }

  @Override
  public void validateEpochBudget(long epochs) {
    refuseWhenClosing("change");
    if (scheduler == null) {
      throw new IllegalStateException("the sweep is still checking its spec and data; try again in a moment");
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("search.epochBudget: " + epochs + " must be at least 1");
    }
    long committed = scheduler.epochsCommitted();
    if (epochs < committed) {
      throw new IllegalArgumentException("search.epochBudget: " + epochs + " is below the " + committed
          + " epochs already trained or reserved by running trials; give at least " + committed);
    }
  }

  /** A pause, resume or budget change means nothing once the sweep starts no more trials. */
  private void refuseWhenClosing(String action) {
    if (state == SweepProgress.State.DONE || finishing) {
      throw new IllegalStateException("the sweep is done: it is saving its results; nothing to " + action);
    }
    if (stopRequested) {
      throw new IllegalStateException(
          "the sweep is stopping: it starts no more trials and ends when the running ones do; nothing to " + action);
    }
  }

  @Override
  public void pause() {
    paused = true;
    publishProgress();
  }

  @Override
  public void resume() {
    paused = false;
    publishProgress();
  }

  @Override
  public void stop() {
    stopRequested = true;
    publishProgress();
  }

  @Override
  public void trialReached(TrialReport report) {
    inbox.add(report);
  }

  @Override
  public void trialEnded(TrialResult result) {
    inbox.add(result);
  }
}
