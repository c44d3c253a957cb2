package dev.modelsweep.search;

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
 * <p>The sampler sees every observation the sweep has made, across continue-as-new: the
 * scheduler's whole state is {@link #state()}, plain data, and a scheduler built from it decides
 * exactly as the one that saved it would have. Pure and deterministic, for workflow code.
 */
public final class TrialScheduler {

  private final Sampler sampler;
  private final EarlyStopping stopping;
  private final int baseEpochs;
  private Long epochBudget;
  private int proposed;
  private boolean exhausted;
  private long epochsTrained;
  private final TreeMap<Integer, RunningTrial> running = new TreeMap<>();
  private final List<Observation> observations;
  private final Rungs rungs;
  private String closing;

  /** A scheduler for {@code spec}, picking up where {@code state} left off. */
  public TrialScheduler(SweepSpec spec, Sampler sampler, EarlyStopping stopping, SchedulerState state) {
    this.sampler = sampler;
    this.stopping = stopping;
    this.baseEpochs = spec.trainingOrDefault().epochsOrDefault();
    this.epochBudget = spec.searchOrDefault().epochBudget();
    this.proposed = state.proposed();
    this.exhausted = state.exhausted();
    this.epochsTrained = state.epochsTrained();
    state.running().forEach(t -> running.put(t.index(), t));
    this.observations = new ArrayList<>(state.observations());
    this.rungs = new Rungs(state.rungs());
  }

  /** The next trial to start, or {@link Decision.Wait} or {@link Decision.Done}. */
  public Decision next() {
    if (closing != null || exhausted || proposed >= sampler.plannedTrials()) {
      return new Decision.Done();
    }
    long remaining = remainingBudget(-1);
    if (remaining <= 0) {
      return epochsTrained >= epochBudget ? new Decision.Done() : new Decision.Wait();
    }
    Optional<Map<String, Object>> params = sampler.propose(proposed, observations);
    if (params.isEmpty()) {
      exhausted = true;
      return new Decision.Done();
    }
    int index = proposed++;
    int epochs = epochsOf(params.get());
    int until = (int) Math.min(stopping.nextReport(index, 0, epochs), remaining);
    running.put(index, new RunningTrial(index, params.get(), epochs, 0, until));
    return new Decision.Start(index, params.get(), until);
  }

  /**
   * Trial {@code index} trained to {@code epoch}, where its objective is {@code loss} (lower is
   * better): continue it or stop it.
   */
  public Decision reached(int index, int epoch, double loss) {
    RunningTrial t = running(index);
    epochsTrained += Math.max(0, epoch - t.reached());
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
   * Trial {@code index} ended (completed, stopped, infeasible or failed) after {@code epochs}
   * epochs; the sampler sees {@code observation} from now on.
   */
  public void ended(Observation observation, int epochs) {
    RunningTrial t = running.remove(observation.index());
    if (t != null) {
      epochsTrained += Math.max(0, epochs - t.reached());
    }
    observations.add(observation);
  }

  /**
   * From now on, start no trial and stop each running one at its next report, with {@code
   * reason}.
   */
  public void close(String reason) {
    closing = reason;
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

  /** How many trials are running. */
  public int runningCount() {
    return running.size();
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
