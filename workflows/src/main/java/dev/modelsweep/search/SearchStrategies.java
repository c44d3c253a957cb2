package dev.modelsweep.search;

import dev.modelsweep.spec.SweepSpec;

/** Picks the strategy a spec names. */
public final class SearchStrategies {

  private SearchStrategies() {}

  /** The strategy of {@code spec}, which {@link dev.modelsweep.spec.SpecParser} accepted. */
  public static SearchStrategy create(SweepSpec spec) {
    return switch (spec.searchOrDefault().strategyOrDefault()) {
      case GRID -> new GridSearch(spec);
      case RANDOM -> new RandomSearch(spec);
    };
  }
}
