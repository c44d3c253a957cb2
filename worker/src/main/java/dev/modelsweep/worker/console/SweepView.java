package dev.modelsweep.worker.console;

import dev.modelsweep.pipeline.StageState;
import dev.modelsweep.trial.EpochMetrics;
import dev.modelsweep.trial.TrialResult;
import dev.modelsweep.workflow.SweepProgress;
import java.util.List;
import java.util.Map;

/**
 * Everything the console's and the report's pictures of one sweep or pipeline are drawn from.
 *
 * @param id the sweep or pipeline id
 * @param kind {@code sweep} or {@code pipeline}
 * @param status running, paused, completed, failed, canceled, terminated or timed_out
 * @param failure why it failed, or null
 * @param progress counts while it runs (sweeps), or null
 * @param objectives the objective metrics, in order, each with its direction (sweeps)
 * @param trials finished trials, best first (sweeps)
 * @param paretoFront ids of the trials on the Pareto front, for several objectives
 * @param importance {@link ParameterImportance} of the searched parameters for the first objective
 * @param stages every stage's state (pipelines)
 * @param curves per-epoch metrics by trial id; in a report every trial's, in the console none (the
 *     page asks for a trial's curves when it shows them)
 */
public record SweepView(
    String id,
    String kind,
    String status,
    String failure,
    SweepProgress progress,
    List<Objective> objectives,
    List<TrialResult> trials,
    List<String> paretoFront,
    List<ParameterImportance.Score> importance,
    List<StageState> stages,
    Map<String, List<EpochMetrics>> curves) {

  /** One objective: a metric name and {@code maximize} or {@code minimize}. */
  public record Objective(String name, String direction) {}
}
