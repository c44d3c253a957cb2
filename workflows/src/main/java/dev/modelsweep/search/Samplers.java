package dev.modelsweep.search;

import dev.modelsweep.spec.SearchSpace;
import dev.modelsweep.spec.SearchSpec;
import dev.modelsweep.spec.SweepSpec;

/** Picks the strategy a spec names. */
public final class Samplers {

  private Samplers() {}

  /**
   * The strategy of {@code spec}, which {@link dev.modelsweep.spec.SpecParser} accepted.
   *
   * @param gp where strategy {@code gp} sends its numeric work (in a workflow: the suggest local
   *     activity); unused by the other strategies
   */
  public static Sampler create(SweepSpec spec, GpSuggester gp) {
    return switch (spec.searchOrDefault().strategyOrDefault()) {
      case GRID -> new GridSampler(spec);
      case RANDOM -> new RandomSampler(spec);
      case SOBOL -> new SobolSampler(spec);
      case TPE -> new TpeSampler(spec);
      case GP -> new GpSampler(spec, gp);
    };
  }

  /** The strategy of {@code spec} for code that only counts its trials; gp fails if asked to propose. */
  public static Sampler create(SweepSpec spec) {
    return create(spec, GpSuggester.NONE);
  }

  /** Trials that random, sobol, tpe and gp run: {@code trials} (default 10); an empty space runs once. */
  static int drawnTrials(SweepSpec spec) {
    SearchSpec search = spec.searchOrDefault();
    if (SearchSpace.of(search).paths().isEmpty()) {
      return 1;
    }
    return search.trials() == null ? SearchSpec.DEFAULT_RANDOM_TRIALS : search.trials();
  }
}
