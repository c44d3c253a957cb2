package dev.modelsweep.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated search space as the strategies see it: each parameter's domain of values and its
 * conditions, in declared order. Holds the grid arithmetic (size and the point at an index) so
 * that the parser can reject a huge grid without enumerating it and grid search can compute any
 * point on its own, which keeps both deterministic and cheap inside workflow code.
 *
 * <p>Domains follow the strategy: random search samples {@code min..max} when given, else {@code
 * values}; grid search expands {@code values} when given, else {@code min..max} by {@code step}.
 * An int's {@code step} (default 1) spaces its lattice for both; a float's {@code step} is grid
 * spacing only.
 */
public final class SearchSpace {

  /** The most points a grid may have. */
  public static final long MAX_GRID_POINTS = 100_000;

  /** A float grid point within this many steps of {@code max} is {@code max}. */
  static final double SNAP = 1e-9;

  /** Stands for "a value no condition lists" while counting a grid. */
  private static final JsonNode OTHER = MissingNode.getInstance();

  /** The values one parameter can take. */
  public sealed interface Domain permits Values, IntRange, FloatGrid, FloatRange {

    /** The number of values; null for a continuous range. */
    BigInteger size();

    /** The {@code k}-th value of a discrete domain. */
    JsonNode node(long k);

    /** The {@code k}-th value as a plain Java value ({@code Integer}, {@code Double}, {@code String}...). */
    default Object value(long k) {
      return ParamValues.toJava(node(k));
    }

    boolean contains(JsonNode value);

    /**
     * The position of {@code value} (a plain Java value or a JSON node) in a discrete domain, by
     * JSON value, so {@code 2} finds {@code 2.0}; -1 when it is not there.
     */
    default long indexOf(Object value) {
      JsonNode wanted = ParamValues.toJson(value);
      long n = size().longValueExact();
      for (long k = 0; k < n; k++) {
        if (ParamValues.same(node(k), wanted)) {
          return k;
        }
      }
      return -1;
    }
  }

  /** Explicit values, in the order given. */
  public record Values(List<JsonNode> nodes) implements Domain {

    public Values {
      nodes = List.copyOf(nodes);
    }

    @Override
    public BigInteger size() {
      return BigInteger.valueOf(nodes.size());
    }

    @Override
    public JsonNode node(long k) {
      return nodes.get(Math.toIntExact(k));
    }

    @Override
    public boolean contains(JsonNode value) {
      return ParamValues.contains(nodes, value);
    }
  }

  /** The integers {@code min, min + step, ...} up to {@code max}. */
  public record IntRange(long min, long max, long step) implements Domain {

    public long count() {
      return (max - min) / step + 1;
    }

    @Override
    public BigInteger size() {
      return BigInteger.valueOf(count());
    }

    @Override
    public JsonNode node(long k) {
      return integer(min + k * step);
    }

    @Override
    public boolean contains(JsonNode value) {
      if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
        return false;
      }
      long v = value.longValue();
      return v >= min && v <= max && (v - min) % step == 0;
    }
  }

  /**
   * Grid points {@code min + k * step}, computed from {@code k} rather than accumulated so that
   * error does not drift; {@code max} is a point when it lies within {@link #SNAP} steps of one.
   */
  public record FloatGrid(double min, double max, double step) implements Domain {

    private double steps() {
      return StrictMath.floor((max - min) / step + SNAP);
    }

    @Override
    public BigInteger size() {
      double steps = steps();
      if (Double.isInfinite(steps)) {
        // A step so small that the quotient overflows a double (such as 4.9e-324): count exactly.
        return new BigDecimal(max).subtract(new BigDecimal(min))
            .divide(new BigDecimal(step), 0, RoundingMode.FLOOR).toBigInteger().add(BigInteger.ONE);
      }
      return new BigDecimal(steps).toBigInteger().add(BigInteger.ONE);
    }

    @Override
    public JsonNode node(long k) {
      double v = min + k * step;
      return DoubleNode.valueOf(Math.abs(v - max) <= SNAP * step ? max : v);
    }

    @Override
    public boolean contains(JsonNode value) {
      if (!value.isNumber()) {
        return false;
      }
      double k = StrictMath.rint((value.doubleValue() - min) / step);
      return k >= 0 && k <= steps() && Math.abs(node((long) k).doubleValue() - value.doubleValue()) <= SNAP * step;
    }
  }

  /** Every real in {@code [min, max]}, drawn uniformly or log-uniformly; random search only. */
  public record FloatRange(double min, double max, boolean log) implements Domain {

    @Override
    public BigInteger size() {
      return null;
    }

    @Override
    public JsonNode node(long k) {
      throw new UnsupportedOperationException("a continuous range has no k-th value");
    }

    @Override
    public boolean contains(JsonNode value) {
      return value.isNumber() && value.doubleValue() >= min && value.doubleValue() <= max;
    }
  }

  private final SearchSpec.Strategy strategy;
  private final List<String> paths;
  private final Map<String, ParamSpec> params;
  private final Map<String, Domain> domains;
  /** For each parameter that a later condition names: the distinct values conditions list for it. */
  private final Map<String, List<JsonNode>> listed;

  private SearchSpace(SearchSpec search) {
    this.strategy = search.strategyOrDefault();
    this.params = Collections.unmodifiableMap(new LinkedHashMap<>(search.spaceOrEmpty()));
    this.paths = List.copyOf(params.keySet());
    Map<String, Domain> d = new LinkedHashMap<>();
    Map<String, List<JsonNode>> l = new LinkedHashMap<>();
    params.forEach((path, p) -> {
      d.put(path, domainOf(p, strategy));
      p.whenOrEmpty().forEach((parent, values) -> {
        List<JsonNode> seen = l.computeIfAbsent(parent, k -> new ArrayList<>());
        values.forEach(v -> {
          if (!ParamValues.contains(seen, v)) {
            seen.add(v);
          }
        });
      });
    });
    this.domains = Collections.unmodifiableMap(d);
    this.listed = l;
  }

  /** The space of a spec that {@link SpecParser} accepted. */
  public static SearchSpace of(SearchSpec search) {
    return new SearchSpace(search);
  }

  /** The domain a parameter has under a strategy; the parameter must be valid. */
  static Domain domainOf(ParamSpec p, SearchSpec.Strategy strategy) {
    boolean useValues = p.values() != null && (strategy == SearchSpec.Strategy.GRID || p.min() == null);
    return switch (p.type()) {
      case CHOICE -> new Values(p.values());
      case INT -> useValues
          ? new Values(p.values().stream().map(v -> integer(v.longValue())).toList())
          : new IntRange(p.min().longValue(), p.max().longValue(), p.step() == null ? 1 : p.step().longValue());
      case FLOAT -> useValues
          ? new Values(p.values().stream().map(v -> (JsonNode) DoubleNode.valueOf(v.doubleValue())).toList())
          : strategy == SearchSpec.Strategy.GRID
              ? new FloatGrid(p.min(), p.max(), p.step())
              : new FloatRange(p.min(), p.max(), p.isLog());
    };
  }

  public SearchSpec.Strategy strategy() {
    return strategy;
  }

  /** Parameter paths in declared order. */
  public List<String> paths() {
    return paths;
  }

  public ParamSpec param(String path) {
    return params.get(path);
  }

  public Domain domain(String path) {
    return domains.get(path);
  }

  /**
   * Whether a parameter exists in a trial whose earlier parameters took {@code assigned} (plain
   * Java values or JSON nodes by path; an inactive parameter is absent).
   */
  public boolean isActive(String path, Map<String, ?> assigned) {
    Map<String, JsonNode> state = new HashMap<>(); // looked up, never iterated
    assigned.forEach((k, v) -> state.put(k, ParamValues.toJson(v)));
    return active(params.get(path), state);
  }

  private static boolean active(ParamSpec p, Map<String, JsonNode> state) {
    for (Map.Entry<String, List<JsonNode>> c : p.whenOrEmpty().entrySet()) {
      JsonNode v = state.get(c.getKey());
      if (v == null || v == OTHER || !ParamValues.contains(c.getValue(), v)) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- grid

  /**
   * The number of grid points, conditional parameters counted only where active; computed from
   * domain sizes, never by enumeration. Requires every domain to be discrete (grid strategy).
   */
  public BigInteger gridSize() {
    return new Counter().count(0, Map.of());
  }

  /** The grid point at {@code index}: parameters in declared order, the last varying fastest. */
  public Map<String, Object> gridPoint(long index) {
    Counter counter = new Counter();
    BigInteger rem = BigInteger.valueOf(index);
    if (index < 0 || rem.compareTo(counter.count(0, Map.of())) >= 0) {
      throw new IndexOutOfBoundsException("grid point " + index + " of " + counter.count(0, Map.of()));
    }
    Map<String, Object> point = new LinkedHashMap<>();
    Map<String, JsonNode> state = new LinkedHashMap<>();
    for (int i = 0; i < paths.size(); i++) {
      String path = paths.get(i);
      if (!active(params.get(path), state)) {
        continue;
      }
      Domain d = domains.get(path);
      if (!listed.containsKey(path)) {
        // No condition looks at this value, so every choice leaves the same number of points after it.
        BigInteger[] qr = rem.divideAndRemainder(counter.count(i + 1, state));
        rem = qr[1];
        point.put(path, d.value(qr[0].longValueExact()));
        continue;
      }
      for (long k = 0; ; k++) {
        JsonNode v = d.node(k);
        Map<String, JsonNode> next = with(state, path, representative(path, v));
        BigInteger after = counter.count(i + 1, next);
        if (rem.compareTo(after) < 0) {
          state = next;
          point.put(path, ParamValues.toJava(v));
          break;
        }
        rem = rem.subtract(after);
      }
    }
    return Collections.unmodifiableMap(point);
  }

  private JsonNode representative(String path, JsonNode value) {
    for (JsonNode l : listed.get(path)) {
      if (ParamValues.same(l, value)) {
        return l;
      }
    }
    return OTHER;
  }

  /** An integer as the JSON node Jackson would read it into: int-sized values as {@code IntNode}. */
  private static JsonNode integer(long v) {
    return v == (int) v ? IntNode.valueOf((int) v) : LongNode.valueOf(v);
  }

  /** A copy of {@code state} with {@code path} set to {@code value}, in insertion order. */
  static Map<String, JsonNode> with(Map<String, JsonNode> state, String path, JsonNode value) {
    Map<String, JsonNode> out = new LinkedHashMap<>(state);
    out.put(path, value);
    return out;
  }

  /**
   * Counts grid points after a prefix. Only values that conditions name matter to what follows,
   * so a parameter that conditions look at splits into one branch per listed value it can take
   * plus one for all its other values; counts are memoised per (position, those values).
   */
  private final class Counter {
    private record Key(int index, Map<String, JsonNode> state) {}

    private final Map<Key, BigInteger> memo = new HashMap<>(); // looked up, never iterated

    BigInteger count(int i, Map<String, JsonNode> state) {
      if (i == paths.size()) {
        return BigInteger.ONE;
      }
      Key key = new Key(i, state);
      BigInteger known = memo.get(key);
      if (known != null) {
        return known;
      }
      String path = paths.get(i);
      Domain d = domains.get(path);
      BigInteger size = d.size();
      if (size == null) {
        throw new IllegalStateException(path + " is a continuous range; only a grid has a size");
      }
      BigInteger n;
      if (!active(params.get(path), state)) {
        n = count(i + 1, state);
      } else if (!listed.containsKey(path)) {
        n = size.multiply(count(i + 1, state));
      } else {
        n = BigInteger.ZERO;
        BigInteger others = size;
        for (JsonNode v : listed.get(path)) {
          if (d.contains(v)) {
            n = n.add(count(i + 1, with(state, path, v)));
            others = others.subtract(BigInteger.ONE);
          }
        }
        if (others.signum() > 0) {
          n = n.add(others.multiply(count(i + 1, with(state, path, OTHER))));
        }
      }
      memo.put(key, n);
      return n;
    }
  }
}
