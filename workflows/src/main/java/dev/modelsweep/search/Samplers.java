package dev.modelsweep.search;

import dev.modelsweep.spec.SweepSpec;

/** Picks the strategy a spec names. */
public final class Samplers {

  private Samplers() {}

  /** The strategy of {@code spec}, which {@link dev.modelsweep.spec.SpecParser} accepted. */
  public static Sampler create(SweepSpec spec) {
    return switch (spec.searchOrDefault().strategyOrDefault()) {
      case GRID -> new GridSampler(spec);
      case RANDOM -> new RandomSampler(spec);
    };
  }
}
