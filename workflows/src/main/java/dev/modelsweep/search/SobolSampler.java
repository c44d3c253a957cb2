package dev.modelsweep.search;

import dev.modelsweep.spec.SearchSpace;
import dev.modelsweep.spec.SweepSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Points of a scrambled, seeded Sobol sequence ({@link SobolSequence}), one coordinate per
 * parameter, decoded by {@link SpaceEncoding}. Trial {@code i} is point {@code i}: the first
 * {@code 2^m} trials cover each parameter's range evenly, which random draws do only on average.
 * Conditional parameters keep their coordinate and are left out where inactive. Ignores
 * observations. Runs {@code trials} trials (default 10); an empty space runs the base
 * configuration once. tpe and gp use it for their startup trials.
 */
public final class SobolSampler implements Sampler {

  private final SpaceEncoding encoding;
  private final SobolSequence sequence;
  private final int planned;

  public SobolSampler(SweepSpec spec) {
    SearchSpace space = SearchSpace.of(spec.searchOrDefault());
    this.encoding = new SpaceEncoding(space);
    this.sequence = new SobolSequence(encoding.size(), spec.seedOrDefault());
    this.planned = Samplers.drawnTrials(spec);
  }

  @Override
  public Optional<Map<String, Object>> propose(int index, List<Observation> observations) {
    if (index < 0) {
      throw new IllegalArgumentException("trial index must be at least 0, got " + index);
    }
    return index < planned ? Optional.of(point(index)) : Optional.empty();
  }

  /** Trial {@code index}'s values, whatever the budget. */
  Map<String, Object> point(int index) {
    return encoding.decode(sequence.point(index));
  }

  @Override
  public int plannedTrials() {
    return planned;
  }
}
