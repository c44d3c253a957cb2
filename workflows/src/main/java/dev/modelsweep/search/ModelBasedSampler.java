package dev.modelsweep.search;

import dev.modelsweep.spec.SearchSpace;
import dev.modelsweep.spec.SweepSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What tpe and gp share: {@code trials} trials (default 10), of which the first {@code
 * search.startupTrials} (default 10), and any asked for before two trials have produced a loss,
 * are the {@link SobolSampler}'s points; the rest come from the model.
 */
abstract sealed class ModelBasedSampler implements Sampler permits TpeSampler, GpSampler {

  final SpaceEncoding encoding;
  final long seed;
  private final SobolSampler startup;
  private final int startupTrials;
  private final int planned;

  ModelBasedSampler(SweepSpec spec) {
    this.startup = new SobolSampler(spec);
    this.encoding = new SpaceEncoding(SearchSpace.of(spec.searchOrDefault()));
    this.seed = spec.seedOrDefault();
    this.startupTrials = spec.searchOrDefault().startupTrialsOrDefault();
    this.planned = startup.plannedTrials();
  }

  @Override
  public final Optional<Map<String, Object>> propose(int index, List<Observation> observations) {
    if (index < 0) {
      throw new IllegalArgumentException("trial index must be at least 0, got " + index);
    }
    if (index >= planned) {
      return Optional.empty();
    }
    long withLoss = observations.stream().filter(o -> !o.failed()).count();
    if (index < startupTrials || withLoss < 2 || encoding.size() == 0) {
      return Optional.of(startup.point(index));
    }
    return Optional.of(learned(index, TpeSampler.sortedByIndex(observations)));
  }

  @Override
  public final int plannedTrials() {
    return planned;
  }

  /** Trial {@code index}'s values from the model, given the observations in index order. */
  abstract Map<String, Object> learned(int index, List<Observation> observations);
}
