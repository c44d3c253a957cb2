package dev.modelsweep.search;

import dev.modelsweep.spec.SearchSpace;
import dev.modelsweep.spec.SearchSpec;
import dev.modelsweep.spec.SweepSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Independent random draws. Trial {@code i}'s values derive only from the sweep seed and {@code
 * i} (each parameter from its own stream keyed by its path), so any trial can be recomputed alone,
 * in any order, and adding a parameter leaves the others' draws unchanged.
 *
 * <p>A choice picks one of its values uniformly; an int picks uniformly from {@code min, min +
 * step, ...} up to {@code max}, both ends included; a float draws uniformly from {@code [min,
 * max)}, or log-uniformly with {@code log}; an int or float without {@code min} and {@code max}
 * picks one of its {@code values}. A conditional parameter is drawn only where its conditions
 * hold. Draws are independent, so a small discrete space may see the same point more than once.
 * Runs {@code trials} trials (default 10); an empty space runs the base configuration once.
 */
public final class RandomSampler implements Sampler {

  /** Keeps random search's streams apart from other users of the sweep seed. */
  private static final long SALT = 0x5EA2C4_0000_0001L;

  private final SearchSpace space;
  private final long seed;
  private final int planned;

  public RandomSampler(SweepSpec spec) {
    SearchSpec search = spec.searchOrDefault();
    this.space = SearchSpace.of(search);
    this.seed = spec.seedOrDefault();
    this.planned = Samplers.drawnTrials(spec);
  }

  @Override
  public Optional<Map<String, Object>> propose(int index, List<Observation> observations) {
    if (index < 0) {
      throw new IllegalArgumentException("trial index must be at least 0, got " + index);
    }
    return index < planned ? Optional.of(draw(index)) : Optional.empty();
  }

  @Override
  public int plannedTrials() {
    return planned;
  }

  private Map<String, Object> draw(int index) {
    long trialSeed = SplitMix64.combine(seed ^ SALT, index);
    Map<String, Object> values = new LinkedHashMap<>();
    for (String path : space.paths()) {
      if (space.isActive(path, values)) {
        SplitMix64 rng = new SplitMix64(SplitMix64.combine(trialSeed, SplitMix64.hash(path)));
        values.put(path, sample(space.domain(path), rng));
      }
    }
    return Collections.unmodifiableMap(values);
  }

  static Object sample(SearchSpace.Domain domain, SplitMix64 rng) {
    if (domain instanceof SearchSpace.FloatRange r) {
      return SpaceEncoding.floatValue(r, rng.nextDouble());
    }
    if (domain instanceof SearchSpace.IntRange r) {
      return domain.value(rng.nextBounded(r.count()));
    }
    return domain.value(rng.nextBounded(domain.size().longValueExact()));
  }
}
