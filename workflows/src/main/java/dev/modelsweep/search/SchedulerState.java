package dev.modelsweep.search;

import java.util.List;

/**
 * Everything a {@link TrialScheduler} knows, as plain data: a sweep carries it whole across
 * continue-as-new, so that a learning sampler sees every observation, early stopping every rung
 * value, and running trials keep training through the handover.
 *
 * @param proposed trials started so far (the next trial's index)
 * @param exhausted whether the sampler has no more values to propose
 * @param epochsTrained epochs really trained by all trials so far (a continued trial's epochs
 *     count once)
 * @param running trials started and not yet ended, by index
 * @param observations every ended trial, in the order they ended
 * @param rungs the values trials reported to early stopping
 */
public record SchedulerState(
    int proposed,
    boolean exhausted,
    long epochsTrained,
    List<RunningTrial> running,
    List<Observation> observations,
    List<Rungs.Rung> rungs) {

  public static final SchedulerState INITIAL = new SchedulerState(0, false, 0, List.of(), List.of(), List.of());

  public SchedulerState {
    running = List.copyOf(running);
    observations = List.copyOf(observations);
    rungs = List.copyOf(rungs);
  }
}
