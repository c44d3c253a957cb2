package dev.modelsweep.search;

import dev.modelsweep.spec.SearchSpace;
import dev.modelsweep.spec.SweepSpec;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every combination of the space's values, in declared order with the last parameter varying
 * fastest. A choice takes its values; an int or float takes its {@code values} when given, else
 * {@code min, min + step, ...} up to {@code max} (float points are {@code min + i * step}, with
 * {@code max} included when it lies within 1e-9 steps of a point). A conditional parameter is
 * expanded only where its conditions hold. {@code trials}, when given, runs only the first that
 * many points. Point {@code i} is computed from {@code i} alone, so nothing is enumerated or kept.
 */
public final class GridSampler implements Sampler {

  private final SearchSpace space;
  private final long size;
  private final int planned;

  public GridSampler(SweepSpec spec) {
    this.space = SearchSpace.of(spec.searchOrDefault());
    BigInteger points = space.gridSize();
    if (points.compareTo(BigInteger.valueOf(SearchSpace.MAX_GRID_POINTS)) > 0) {
      throw new IllegalArgumentException("the grid has " + points + " points, more than the "
          + SearchSpace.MAX_GRID_POINTS + " allowed");
    }
    this.size = points.longValueExact();
    Integer trials = spec.searchOrDefault().trials();
    this.planned = (int) (trials == null ? size : Math.min(size, trials));
  }

  /** Points in the whole grid, before the {@code trials} budget. */
  public long gridSize() {
    return size;
  }

  @Override
  public Optional<Map<String, Object>> propose(int index, List<Observation> observations) {
    if (index < 0) {
      throw new IllegalArgumentException("trial index must be at least 0, got " + index);
    }
    return index < planned ? Optional.of(space.gridPoint(index)) : Optional.empty();
  }

  @Override
  public int plannedTrials() {
    return planned;
  }
}
