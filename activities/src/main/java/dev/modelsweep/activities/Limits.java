package dev.modelsweep.activities;

import dev.modelsweep.spec.Problems;
import dev.modelsweep.spec.SearchSpec;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SpecProblem;
import dev.modelsweep.spec.SpecReach;
import dev.modelsweep.spec.SweepSpec;
import java.util.List;
import java.util.Optional;

/**
 * Caps that a worker operator puts on the sweeps the worker trains, below the schema's own hard
 * caps: a shared worker should not accept a sweep of 100,000 trials or of layers 16,384 units
 * wide just because the spec format allows them. Each cap is null (the default) for no limit.
 *
 * <p>This is the worker's policy, set by its flags (which messages name): {@link #check} compares
 * how far a spec reaches ({@link SpecReach}, over its base configuration and every value of its
 * search space) with each cap and reports each excess at the JSON path that causes it, with the
 * flag and the fix. Rows are known only once the data is loaded, so {@link #checkRows} is
 * separate. Pure and deterministic.
 *
 * @param maxTrials most trials a sweep may plan ({@value #MAX_TRIALS}); default no limit
 * @param maxLayers most hidden layers: MLP hidden layers, or CNN convolution blocks ({@value
 *     #MAX_LAYERS}); default no limit
 * @param maxWidth widest layer: MLP and dense-head units, or the channels of a CNN's last (widest)
 *     block ({@value #MAX_WIDTH}); default no limit
 * @param maxEpochs most epochs per trial ({@value #MAX_EPOCHS}); default no limit
 * @param maxRows most data set rows a sweep may use, after {@code dataset.limit} ({@value
 *     #MAX_ROWS}); default no limit
 */
public record Limits(Integer maxTrials, Integer maxLayers, Integer maxWidth, Integer maxEpochs, Integer maxRows) {

  /** No limits beyond the schema's. */
  public static final Limits NONE = new Limits(null, null, null, null, null);

  /** The worker flags that set each limit; messages name them so the reader knows what to ask for. */
  public static final String MAX_TRIALS = "--max-trials";
  public static final String MAX_LAYERS = "--max-layers";
  public static final String MAX_WIDTH = "--max-width";
  public static final String MAX_EPOCHS = "--max-epochs";
  public static final String MAX_ROWS = "--max-rows";

  public Limits {
    positive(maxTrials, MAX_TRIALS);
    positive(maxLayers, MAX_LAYERS);
    positive(maxWidth, MAX_WIDTH);
    positive(maxEpochs, MAX_EPOCHS);
    positive(maxRows, MAX_ROWS);
  }

  private static void positive(Integer limit, String flag) {
    if (limit != null && limit < 1) {
      throw new IllegalArgumentException(flag + " must be at least 1, got " + limit);
    }
  }

  public Limits withMaxTrials(Integer n) {
    return new Limits(n, maxLayers, maxWidth, maxEpochs, maxRows);
  }

  public Limits withMaxLayers(Integer n) {
    return new Limits(maxTrials, n, maxWidth, maxEpochs, maxRows);
  }

  public Limits withMaxWidth(Integer n) {
    return new Limits(maxTrials, maxLayers, n, maxEpochs, maxRows);
  }

  public Limits withMaxEpochs(Integer n) {
    return new Limits(maxTrials, maxLayers, maxWidth, n, maxRows);
  }

  public Limits withMaxRows(Integer n) {
    return new Limits(maxTrials, maxLayers, maxWidth, maxEpochs, n);
  }

  /**
   * Every way {@code spec} can exceed these limits, such as {@code
   * $.search.space['model.width']: reaches 4096 units, over this worker's limit of 1024
   * (--max-width); lower the range}; empty when it stays within them.
   *
   * @param spec a spec that {@link SpecParser} accepted
   * @param plannedTrials the trials its search plans ({@code Samplers.create(spec).plannedTrials()};
   *     passed in, so that the spec does not depend on the search that reads it)
   */
  public List<SpecProblem> check(SweepSpec spec, int plannedTrials) {
    Problems out = new Problems();
    if (maxTrials != null) {
      trials(spec, plannedTrials, out);
    }
    SpecReach reach = new SpecReach(spec);
    report(reach.layers(), maxLayers, MAX_LAYERS, out);
    report(reach.widths(), maxWidth, MAX_WIDTH, out);
    report(reach.epochs(), maxEpochs, MAX_EPOCHS, out);
    return out.list();
  }

  /**
   * The problem with a data set of {@code rows} rows (after {@code dataset.limit}), such as {@code
   * dataset: 70000 rows, over this worker's limit of 50000 (--max-rows); set dataset.limit}.
   */
  public Optional<String> checkRows(long rows) {
    if (maxRows == null || rows <= maxRows) {
      return Optional.empty();
    }
    return Optional.of("dataset: " + rows + " rows, " + over(maxRows, MAX_ROWS) + "; set dataset.limit to at most "
        + maxRows);
  }

  private void trials(SweepSpec spec, int planned, Problems out) {
    if (planned <= maxTrials) {
      return;
    }
    SearchSpec search = spec.searchOrDefault();
    String fix = "set search.trials to at most " + maxTrials;
    if (search.trials() != null) {
      out.add("$.search.trials", planned + " trials, " + over(maxTrials, MAX_TRIALS) + "; " + fix);
    } else if (search.strategyOrDefault() == SearchSpec.Strategy.GRID) {
      out.add("$.search.space", "the grid has " + planned + " points, " + over(maxTrials, MAX_TRIALS) + "; " + fix
          + " or search fewer values");
    } else {
      out.add("$.search.trials", "defaults to " + planned + " trials, " + over(maxTrials, MAX_TRIALS) + "; " + fix);
    }
  }

  private static void report(List<SpecReach.Source> sources, Integer limit, String flag, Problems out) {
    if (limit == null) {
      return;
    }
    for (SpecReach.Source s : sources) {
      if (s.value() > limit) {
        out.add(s.path(), s.what() + ", " + over(limit, flag) + "; " + s.fix());
      }
    }
  }

  private static String over(int limit, String flag) {
    return "over this worker's limit of " + limit + " (" + flag + ")";
  }

}
