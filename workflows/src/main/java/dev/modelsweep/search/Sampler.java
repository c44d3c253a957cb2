package dev.modelsweep.search;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proposes the parameter values of a sweep's trials, one index at a time. A sampler decides only
 * <em>what</em> to try; when to start, continue or stop a trial is the scheduler's decision.
 *
 * <p>Implementations must be deterministic functions of the spec they were built from, the index
 * and the observations, because a workflow replay builds a fresh instance and asks again.
 */
public interface Sampler {

  /**
   * The values of trial {@code index}.
   *
   * @param index 0-based trial index; trials are asked for in increasing order, but a sampler
   *     must not rely on having seen the earlier ones
   * @param observations the trials finished so far, in the order they finished; a model-based
   *     sampler learns from them, grid, random and sobol ignore them
   * @return values keyed by field path in space order, as plain JSON-natural Java values
   *     ({@code Integer} or {@code Long}, {@code Double}, {@code String}, {@code Boolean}, {@code
   *     List}, {@code Map}); a conditional parameter is absent where inactive. Empty when the
   *     search is exhausted.
   */
  Optional<Map<String, Object>> propose(int index, List<Observation> observations);

  /** How many trials this sampler proposes at most; an empty space plans one, the base configuration. */
  int plannedTrials();
}
