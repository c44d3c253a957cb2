package dev.modelsweep.search;

import dev.modelsweep.spec.SearchSpace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one mapping between a search space and the unit cube that sobol, tpe and gp work in: one
 * coordinate in {@code [0, 1)} per parameter, in declared order.
 *
 * <ul>
 *   <li>A float range is linear in its coordinate, or logarithmic with {@code log}.
 *   <li>An int range is ordinal: the coordinate's {@code count} equal cells are its integers, in
 *       order, so nearby coordinates are nearby integers.
 *   <li>Explicit values (a choice, or an int or float given as {@code values}) are categorical: the
 *       coordinate's equal cells are the values, with no order implied; a model may one-hot them
 *       (see {@link Dimension#categories()}).
 * </ul>
 *
 * <p>A conditional parameter keeps its coordinate always; {@link #decode} leaves it out where its
 * conditions do not hold, and {@link #encode} marks it {@link #INACTIVE}.
 */
public final class SpaceEncoding {

  /** The coordinate of a parameter a trial did not have (its conditions did not hold). */
  public static final double INACTIVE = -1;

  /**
   * One coordinate.
   *
   * @param path the parameter's path
   * @param categories the number of values of a categorical parameter; 0 for an ordered one
   *     (float or int range)
   */
  public record Dimension(String path, int categories) {

    public boolean categorical() {
      return categories > 0;
    }
  }

  private final SearchSpace space;
  private final List<Dimension> dimensions;

  public SpaceEncoding(SearchSpace space) {
    this.space = space;
    List<Dimension> dims = new ArrayList<>();
    for (String path : space.paths()) {
      SearchSpace.Domain d = space.domain(path);
      dims.add(new Dimension(path, d instanceof SearchSpace.Values ? d.size().intValueExact() : 0));
    }
    this.dimensions = List.copyOf(dims);
  }

  public List<Dimension> dimensions() {
    return dimensions;
  }

  public int size() {
    return dimensions.size();
  }

  /** Whether parameter {@code dim} exists given the values its earlier parameters took. */
  public boolean isActive(int dim, Map<String, Object> earlier) {
    return space.isActive(dimensions.get(dim).path(), earlier);
  }

  /** The value of parameter {@code dim} at coordinate {@code u} (clamped into {@code [0, 1)}). */
  public Object value(int dim, double u) {
    double c = Math.min(Math.max(u, 0), Math.nextDown(1.0));
    SearchSpace.Domain d = space.domain(dimensions.get(dim).path());
    if (d instanceof SearchSpace.FloatRange r) {
      return floatValue(r, c);
    }
    long n = d instanceof SearchSpace.IntRange r ? r.count() : d.size().longValueExact();
    return d.value(Math.min(n - 1, (long) (c * n)));
  }

  /** The value of a float range at {@code u} in {@code [0, 1)}: linear, or logarithmic with {@code log}. */
  static double floatValue(SearchSpace.FloatRange r, double u) {
    double v = r.log()
        ? StrictMath.exp(StrictMath.log(r.min()) + u * (StrictMath.log(r.max()) - StrictMath.log(r.min())))
        : r.min() + u * (r.max() - r.min());
    // exp(log(x)) can land an ulp outside the range; the bounds are promises.
    return Math.min(r.max(), Math.max(r.min(), v));
  }

  /** The coordinate of {@code value} for parameter {@code dim}: a cell's centre for discrete ones. */
  public double coordinate(int dim, Object value) {
    SearchSpace.Domain d = space.domain(dimensions.get(dim).path());
    if (d instanceof SearchSpace.FloatRange r) {
      double v = ((Number) value).doubleValue();
      double u = r.log()
          ? (StrictMath.log(v) - StrictMath.log(r.min())) / (StrictMath.log(r.max()) - StrictMath.log(r.min()))
          : (v - r.min()) / (r.max() - r.min());
      return r.max() > r.min() ? Math.min(Math.max(u, 0), Math.nextDown(1.0)) : 0.5;
    }
    long n;
    long k;
    if (d instanceof SearchSpace.IntRange r) {
      n = r.count();
      k = Math.min(n - 1, Math.max(0, (((Number) value).longValue() - r.min()) / r.step()));
    } else {
      n = d.size().longValueExact();
      k = d.indexOf(value);
      if (k < 0) {
        throw new IllegalArgumentException(dimensions.get(dim).path() + ": " + value + " is not one of its values");
      }
    }
    return (k + 0.5) / n;
  }

  /** The parameters at point {@code u}, in space order; a parameter whose conditions fail is absent. */
  public Map<String, Object> decode(double[] u) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < dimensions.size(); i++) {
      if (isActive(i, values)) {
        values.put(dimensions.get(i).path(), value(i, u[i]));
      }
    }
    return Collections.unmodifiableMap(values);
  }

  /** The point of a trial's parameters; {@link #INACTIVE} where a parameter is absent. */
  public double[] encode(Map<String, Object> params) {
    double[] u = new double[dimensions.size()];
    for (int i = 0; i < u.length; i++) {
      String path = dimensions.get(i).path();
      u[i] = params.containsKey(path) ? coordinate(i, params.get(path)) : INACTIVE;
    }
    return u;
  }
}
