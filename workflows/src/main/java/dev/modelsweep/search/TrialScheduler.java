package dev.modelsweep.search;

import dev.modelsweep.search.RunningTrial.Phase;
import dev.modelsweep.spec.SweepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Decides a sweep's next step: start a trial with the values its {@link Sampler} proposes, continue
 * a trial that reached a rung, stop it, wait, or be done. Its {@link EarlyStopping} rule says how
 * far each trial trains before it reports again; {@code search.epochBudget} caps the epochs
 * really trained (started and continued trials reserve theirs, so the budget is never overrun).
 *
 * <p>In {@link Order#TRIAL} order, which new sweeps use, reports are judged in trial order, as one
 * slot would judge them: a trial that reaches an epoch before an earlier trial that will report
 * there is {@link Decision.Hold held}, gives up its slot to the next trial, and is judged once the
 * earlier one has been. Early stopping then decides the same whatever {@code maxConcurrent} is and
 * however fast each trial trains (with a sampler that does not learn: grid, random, sobol), and
 * the early trials are not judged against fewer others because a second slot ran them sooner.
 * Only the epoch budget's end depends on timing: its last epochs go to the trials running then.
 * Continues wait for a free slot in trial order too ({@link #nextReady()}).
 *
 * <p>The sampler sees every observation the sweep has made, across continue-as-new: the
 * scheduler's whole state is {@link #state()}, plain data, and a scheduler built from it decides
 * exactly as the one that saved it would have. Pure and deterministic, for workflow code.
 */
public final class TrialScheduler {

  /** The order in which reports are judged. */
  public enum Order {
    /** As they arrive, each at once: sweeps recorded before {@link #TRIAL} replay this way. */
    ARRIVAL,
    /** In trial order, holding a report until the earlier trials that will report there have. */
    TRIAL
  }

  private final Sampler sampler;
  private final EarlyStopping stopping;
  private final Order order;
  private final int baseEpochs;
  private Long epochBudget;
  private int proposed;
  private boolean exhausted;
  private long epochsTrained;
  private final TreeMap<Integer, RunningTrial> running = new TreeMap<>();
  private final List<Observation> observations;
  private final Rungs rungs;
  private String closing;
  /** Stops decided for held trials, for the sweep to send: {@link #releasedStops()}. */
  private final List<Decision.Stop> released = new ArrayList<>();

  /** A scheduler for {@code spec} that judges in {@link Order#TRIAL} order, picking up where {@code state} left off. */
  public TrialScheduler(SweepSpec spec, Sampler sampler, EarlyStopping stopping, SchedulerState state) {
    this(spec, sampler, stopping, state, Order.TRIAL);
  }

  /** A scheduler for {@code spec} that judges reports in {@code order}, picking up where {@code state} left off. */
  public TrialScheduler(SweepSpec spec, Sampler sampler, EarlyStopping stopping, SchedulerState state, Order order) {
    this.sampler = sampler;
    this.stopping = stopping;
    this.order = order;
    this.baseEpochs = spec.trainingOrDefault().epochsOrDefault();
    this.epochBudget = spec.searchOrDefault().epochBudget();
    this.proposed = state.proposed();
    this.exhausted = state.exhausted();
    this.epochsTrained = state.epochsTrained();
    state.running().forEach(t -> running.put(t.index(), t));
    this.observations = new ArrayList<>(state.observations());
    this.rungs = new Rungs(state.rungs());
  }

  /**
   * The next trial to start, or {@link Decision.Wait} or {@link Decision.Done}. Ask {@link
   * #nextReady()} first: a trial judged to continue goes before a new one. Never done while a
   * trial waits to be judged or for a slot.
   */
  public Decision next() {
    boolean waiting = running.values().stream().anyMatch(t -> t.phase() != Phase.TRAINING);
    if (closing != null || exhausted || proposed >= sampler.plannedTrials()) {
      return waiting ? new Decision.Wait() : new Decision.Done();
    }
    long remaining = remainingBudget(-1);
    if (remaining <= 0) {
      return epochsTrained >= epochBudget && !waiting ? new Decision.Done() : new Decision.Wait();
    }
    Optional<Map<String, Object>> params = sampler.propose(proposed, observations);
    if (params.isEmpty()) {
      exhausted = true;
      return waiting ? new Decision.Wait() : new Decision.Done();
    }
    int index = proposed++;
    int epochs = epochsOf(params.get());
    int until = (int) Math.min(stopping.nextReport(index, 0, epochs), remaining);
    running.put(index, new RunningTrial(index, params.get(), epochs, 0, until));
    return new Decision.Start(index, params.get(), until);
  }

  /**
   * The earliest trial judged to continue that waits for a slot, now counted as training: send it
   * on. Empty when none waits (always, in {@link Order#ARRIVAL} order).
   */
  public Optional<Decision.Continue> nextReady() {
    for (RunningTrial t : running.values()) {
      if (t.phase() == Phase.READY) {
        running.put(t.index(), t.at(t.reached(), t.target()));
        return Optional.of(new Decision.Continue(t.index(), t.target()));
      }
    }
    return Optional.empty();
  }

  /**
   * Trial {@code index} trained to {@code epoch}, where its objective is {@code loss} (lower is
   * better): continue it, stop it, or ({@link Order#TRIAL}) hold it, to answer later through
   * {@link #nextReady()} or {@link #releasedStops()}. A report may release held trials.
   */
  public Decision reached(int index, int epoch, double loss) {
    RunningTrial t = running(index);
    if (t.phase() == Phase.HELD && t.reached() == epoch) {
      return new Decision.Hold(index); // a repeated report
    }
    epochsTrained += Math.max(0, epoch - t.reached());
    if (order == Order.TRIAL && closing == null && waitsForEarlier(index, epoch)) {
      running.put(index, t.held(epoch, loss));
      return new Decision.Hold(index);
    }
    Decision decision = judge(t, epoch, loss);
    if (decision instanceof Decision.Continue c && order == Order.TRIAL && readyBefore(index)) {
      waitForSlot(c);
      decision = new Decision.Hold(index);
    }
    release();
    return decision;
  }

  /**
   * Stops decided since the last call for trials that were held or waited for a slot, in the
   * order decided: the sweep sends them at once (a stop needs no slot). Continues decided for
   * held trials wait in {@link #nextReady()}.
   */
  public List<Decision.Stop> releasedStops() {
    List<Decision.Stop> out = List.copyOf(released);
    released.clear();
    return out;
  }

  /** Judges trial {@code t} at {@code epoch}: a stop, or a continue to its next report (then training). */
  private Decision judge(RunningTrial t, int epoch, double loss) {
    int index = t.index();
    Optional<String> reason = stopping.judge(index, epoch, loss, rungs);
    if (reason.isEmpty() && closing != null) {
      reason = Optional.of(closing);
    }
    if (reason.isEmpty() && epoch < t.epochs()) {
      long remaining = remainingBudget(index);
      if (remaining <= 0) {
        reason = Optional.of("stopped at epoch " + epoch + ": search.epochBudget of " + epochBudget
            + " epochs is spent");
      } else {
        int until = (int) Math.min(stopping.nextReport(index, epoch, t.epochs()), epoch + Math.min(remaining, t.epochs()));
        running.put(index, t.at(epoch, until));
        return new Decision.Continue(index, until);
      }
    }
    running.put(index, t.at(epoch, epoch));
    return new Decision.Stop(index, reason.orElse("stopped at its last epoch " + epoch));
  }

  /**
   * Judges, in trial order, the held trials that no earlier trial keeps waiting any more (all of
   * them once the sweep closes): a stop goes to {@link #releasedStops()}, a continue waits for a
   * slot.
   */
  private void release() {
    for (RunningTrial t : List.copyOf(running.values())) {
      if (t.phase() == Phase.HELD && (closing != null || !waitsForEarlier(t.index(), t.reached()))) {
        Decision d = judge(t, t.reached(), t.loss());
        if (d instanceof Decision.Continue c) {
          waitForSlot(c);
        } else {
          released.add((Decision.Stop) d);
        }
      }
    }
  }

  /**
   * Whether trial {@code index}'s judgment at {@code epoch} must wait: an earlier trial it is
   * compared with will report there and has not been judged there yet.
   */
  private boolean waitsForEarlier(int index, int epoch) {
    for (RunningTrial earlier : running.headMap(index).values()) {
      if (stopping.comparesWith(index, earlier.index()) && yetToBeJudgedAt(earlier, epoch)) {
        return true;
      }
    }
    return false;
  }

  private boolean yetToBeJudgedAt(RunningTrial t, int epoch) {
    if (t.reached() > epoch || epoch >= t.epochs()) {
      return false; // past it, or it ends there (a trial's last epoch is no report)
    }
    if (t.reached() == epoch) {
      return t.phase() == Phase.HELD;
    }
    if (t.stopping()) {
      return false;
    }
    int next = t.reached();
    while (next < epoch) {
      next = stopping.nextReport(t.index(), next, t.epochs());
    }
    return next == epoch;
  }

  /** Trial {@code c.index()}, judged to continue, waits for a slot ({@link #nextReady()}). */
  private void waitForSlot(Decision.Continue c) {
    running.put(c.index(), running(c.index()).ready(c.untilEpoch()));
  }

  /** Whether a trial before {@code index} waits for a slot: it goes first. */
  private boolean readyBefore(int index) {
    return running.headMap(index).values().stream().anyMatch(t -> t.phase() == Phase.READY);
  }

  /**
   * Trial {@code index} ended (completed, stopped, infeasible or failed) after {@code epochs}
   * epochs; the sampler sees {@code observation} from now on.
   */
  public void ended(Observation observation, int epochs) {
    RunningTrial t = running.remove(observation.index());
    if (t != null) {
      epochsTrained += Math.max(0, epochs - t.reached());
    }
    observations.add(observation);
    release();
  }

  /**
   * From now on, start no trial and stop each running one at its next report, with {@code
   * reason}; trials held or waiting for a slot stop at once ({@link #releasedStops()}).
   */
  public void close(String reason) {
    closing = reason;
    for (RunningTrial t : List.copyOf(running.values())) {
      if (t.phase() == Phase.READY) {
        running.put(t.index(), t.at(t.reached(), t.reached()));
        released.add(new Decision.Stop(t.index(), reason));
      }
    }
    release();
  }

  /**
   * Replaces {@code search.epochBudget} from the next decision on; null lifts the limit. A budget
   * below {@link #epochsCommitted()} is the caller's to refuse: running trials keep what they
   * reserved.
   */
  public void setEpochBudget(Long budget) {
    this.epochBudget = budget;
  }

  /** Epochs trained so far plus those running trials reserved up to their next report. */
  public long epochsCommitted() {
    return epochsTrained + reserved(-1);
  }

  /** Epochs really trained so far by all trials. */
  public long epochsTrained() {
    return epochsTrained;
  }

  /** Trials started so far. */
  public int started() {
    return proposed;
  }

  /** How many trials the sampler plans in all. */
  public int plannedTrials() {
    return sampler.plannedTrials();
  }

  /** The running trial {@code index}, as started or last continued. */
  public RunningTrial running(int index) {
    RunningTrial t = running.get(index);
    if (t == null) {
      throw new IllegalStateException("trial " + index + " is not running");
    }
    return t;
  }

  /** Whether trial {@code index} was started and has not ended. */
  public boolean isRunning(int index) {
    return running.containsKey(index);
  }

  /** How many trials are running: training, or waiting to be judged or for a slot. */
  public int runningCount() {
    return running.size();
  }

  /** How many trials hold a training slot: those running that are not held or waiting for a slot. */
  public int trainingCount() {
    return (int) running.values().stream().filter(t -> t.phase() == Phase.TRAINING).count();
  }

  /** Trials started and not yet ended, by index. */
  public List<RunningTrial> runningTrials() {
    return List.copyOf(running.values());
  }

  /** Everything this scheduler knows, to build an equal one from (see {@link SchedulerState}). */
  public SchedulerState state() {
    return new SchedulerState(
        proposed, exhausted, epochsTrained, List.copyOf(running.values()), observations, rungs.snapshot());
  }

  /** Epochs left to reserve, with the trial {@code except}'s reservation released; no limit without a budget. */
  private long remainingBudget(int except) {
    if (epochBudget == null) {
      return Long.MAX_VALUE;
    }
    return epochBudget - epochsTrained - reserved(except);
  }

  /** Epochs the running trials but {@code except} reserved up to their next report. */
  private long reserved(int except) {
    long reserved = 0;
    for (RunningTrial t : running.values()) {
      if (t.index() != except) {
        reserved += Math.max(0, t.target() - t.reached());
      }
    }
    return reserved;
  }

  private int epochsOf(Map<String, Object> params) {
    return params.get("training.epochs") instanceof Number n ? n.intValue() : baseEpochs;
  }
}
