package dev.modelsweep.search;

import java.util.List;

/**
 * What a Gaussian process needs to suggest the next point: finished trials as unit-cube points
 * with one loss each, small enough for workflow history (a few kilobytes for a hundred trials).
 *
 * @param categories per coordinate, the number of values of a categorical parameter (one-hot in
 *     the kernel) or 0 for an ordered one; see {@link SpaceEncoding.Dimension}
 * @param points the observed points, each in {@code [0, 1)} per coordinate, {@link
 *     SpaceEncoding#INACTIVE} where a conditional parameter was absent
 * @param losses one loss per point, lower is better
 * @param seed seeds the hyperparameter search and the candidate points
 */
public record GpRequest(List<Integer> categories, List<double[]> points, double[] losses, long seed) {

  public GpRequest {
    categories = List.copyOf(categories);
    points = List.copyOf(points);
    if (points.size() != losses.length) {
      throw new IllegalArgumentException(points.size() + " points but " + losses.length + " losses");
    }
  }
}
