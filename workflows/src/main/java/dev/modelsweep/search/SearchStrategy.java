package dev.modelsweep.search;

import dev.modelsweep.trial.TrialResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proposes the parameter values of a sweep's trials, one index at a time.
 *
 * <p>Implementations must be deterministic functions of the spec they were built from, the index
 * and the finished results, because a workflow replay builds a fresh instance and asks again.
 */
public interface SearchStrategy {

  /**
   * The values of trial {@code index}.
   *
   * @param index 0-based trial index; trials are asked for in increasing order, but a strategy
   *     must not rely on having seen the earlier ones
   * @param finished results of the trials finished so far; a model-based strategy learns from
   *     them, grid and random search ignore them
   * @return values keyed by field path in space order, as plain JSON-natural Java values
   *     ({@code Integer} or {@code Long}, {@code Double}, {@code String}, {@code Boolean}, {@code
   *     List}, {@code Map}); a conditional parameter is absent where inactive. Empty when the
   *     search is exhausted.
   */
  Optional<Map<String, Object>> suggest(int index, List<TrialResult> finished);

  /** How many trials this strategy proposes at most; an empty space plans one, the base configuration. */
  int plannedTrials();
}
