package dev.modelsweep.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to search and how.
 *
 * @param strategy {@code random} (default), {@code grid}, {@code sobol}, {@code tpe} or {@code gp}
 * @param trials trial budget: random draws this many; grid runs at most this many points, in
 *     order; default 10 for random, every point for grid
 * @param maxConcurrent trials trained at the same time; default 1
 * @param startupTrials tpe and gp: trials drawn by sobol before the model takes over; default
 *     {@link #DEFAULT_STARTUP_TRIALS}
 * @param space parameters keyed by the path of the field they set, such as {@code
 *     "optimizer.learningRate"} or {@code "model.width"}, in the order given; empty runs the base
 *     configuration once
 * @param earlyStopping the rule that stops weak trials early; default none, every trial trains
 *     all its epochs
 * @param epochBudget epochs really trained by all trials together, after which the sweep starts
 *     and continues no trial; default no limit (the trial budget alone ends the sweep)
 * @param warmStart earlier sweeps, by id or results folder, whose trials the sampler sees as prior
 *     observations; their {@code search.space} must be this one's; default none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchSpec(
    Strategy strategy,
    Integer trials,
    Integer maxConcurrent,
    Integer startupTrials,
    LinkedHashMap<String, ParamSpec> space,
    EarlyStoppingSpec earlyStopping,
    Long epochBudget,
    List<String> warmStart) {

  public static final SearchSpec DEFAULT = new SearchSpec(null, null, null, null, null, null, null, null);
  public static final int DEFAULT_STARTUP_TRIALS = 10;
  public static final int DEFAULT_RANDOM_TRIALS = 10;

  public enum Strategy {
    @JsonProperty("random") RANDOM,
    @JsonProperty("grid") GRID,
    @JsonProperty("sobol") SOBOL,
    @JsonProperty("tpe") TPE,
    @JsonProperty("gp") GP
  }

  public Strategy strategyOrDefault() {
    return strategy == null ? Strategy.RANDOM : strategy;
  }

  public int startupTrialsOrDefault() {
    return startupTrials == null ? DEFAULT_STARTUP_TRIALS : startupTrials;
  }

  public int maxConcurrentOrDefault() {
    return maxConcurrent == null ? 1 : maxConcurrent;
  }

  public List<String> warmStartOrEmpty() {
    return warmStart == null ? List.of() : warmStart;
  }

  public Map<String, ParamSpec> spaceOrEmpty() {
    return space == null ? Map.of() : space;
  }

  /** This search with {@code epochBudget} replaced (null: no limit). */
  public SearchSpec withEpochBudget(Long replaced) {
    return new SearchSpec(strategy, trials, maxConcurrent, startupTrials, space, earlyStopping, replaced, warmStart);
  }
}
