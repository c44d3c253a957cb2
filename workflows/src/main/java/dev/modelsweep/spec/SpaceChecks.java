package dev.modelsweep.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Semantic rules of a search space: each key is a searchable field, each parameter is well formed
 * for its type and its field, conditions name earlier parameters and values they can take, every
 * value a parameter can produce gives a valid trial, and a grid is not too large.
 *
 * <p>The candidate check applies each parameter's extreme values (min and max, or each listed
 * value) to the base configuration, together with the values its conditions require, and runs
 * the schema and {@link ConfigChecks} on the result. Pairs of parameters of the same section are
 * then tried together, which catches an unconditional {@code optimizer.beta1} beside an {@code
 * optimizer.type} that can be sgd. All of it runs within a fixed budget of trial configurations,
 * single values first, then pairs in declared order, so the work stays bounded and the result
 * deterministic.
 */
final class SpaceChecks {

  /**
   * Most trial configurations built to check one spec's candidates (each takes tens of
   * microseconds). Parsing runs in workflow tasks, which must stay well under a second even for
   * a pathological space; values past the budget are left to fail their own trial.
   */
  static final int TRIAL_BUDGET = 3000;
  /** Most values per parameter tried in a pair, and most condition contexts per parameter. */
  static final int PAIR_VALUES = 16;
  static final int MAX_CONTEXTS = 64;

  private static final double MAX_EXACT = 9007199254740991.0; // 2^53 - 1

  /**
   * A value a parameter can produce.
   *
   * @param param the parameter's path in the space
   * @param at the JSON path of where the parameter gives the value ({@code ...['model.width'].min})
   */
  private record Candidate(String param, String at, JsonNode value) {}

  private final JsonNode base;
  private final SearchSpec.Strategy strategy;
  private final Map<String, ParamSpec> space;
  private final List<String> order;
  private final Problems out;
  private final Set<String> valid = new LinkedHashSet<>();
  // Hash sets here are only asked "contains"; everything iterated is a list or a linked map.
  private final Set<SpecProblem> baseProblems = new HashSet<>();
  private int trialsLeft = TRIAL_BUDGET;
  /**
   * (parameter, problem) pairs reported, so that a problem that several values or contexts of a
   * parameter cause shows once, under the first value that caused it.
   */
  private final Set<List<Object>> reported = new HashSet<>();
  /** For each checked parameter, the parameters it depends on and the values they must take. */
  private final Map<String, Map<String, List<JsonNode>>> ancestry = new LinkedHashMap<>();

  private SpaceChecks(JsonNode doc, SearchSpec search, Problems out) {
    ObjectNode b = SpecJson.MAPPER.createObjectNode();
    List<String> sections = new ArrayList<>(List.of("name", "dataset"));
    sections.addAll(SpecSchema.SEARCHABLE_SECTIONS);
    for (String f : sections) {
      if (doc.has(f)) {
        b.set(f, doc.get(f).deepCopy());
      }
    }
    this.base = b;
    this.strategy = search.strategyOrDefault();
    this.space = search.spaceOrEmpty();
    this.order = List.copyOf(space.keySet());
    this.out = out;
  }

  /** Checks the space of {@code spec}, whose document {@code doc} passed the schema. */
  static void check(JsonNode doc, SweepSpec spec, Problems out) {
    SearchSpec.Strategy strategy = spec.searchOrDefault().strategyOrDefault();
    if (spec.searchOrDefault().startupTrials() != null
        && strategy != SearchSpec.Strategy.TPE && strategy != SearchSpec.Strategy.GP) {
      out.add("$.search.startupTrials", "only tpe and gp have startup trials, not " + strategy.name().toLowerCase(Locale.ROOT)
          + "; remove it or set search.strategy to tpe or gp");
    }
    SpaceChecks c = new SpaceChecks(doc, spec.searchOrDefault(), out);
    c.run(spec.searchOrDefault());
  }

  private void run(SearchSpec search) {
    for (int i = 0; i < order.size(); i++) {
      String path = order.get(i);
      ParamSpec p = space.get(path);
      String at = at(path);
      int before = out.size();
      JsonNode field = field(path, at);
      shape(p, at);
      if (field != null) {
        fieldType(path, field, p, at);
      }
      conditions(path, p, i, at);
      if (out.size() == before) {
        valid.add(path);
      }
    }
    if (valid.isEmpty()) {
      return;
    }
    baseProblems.addAll(trial(Map.of()).list());
    Map<String, List<Map<String, JsonNode>>> contexts = new LinkedHashMap<>();
    for (String path : valid) {
      List<Map<String, JsonNode>> ctx = contexts(path);
      if (ctx != null) {
        contexts.put(path, ctx);
        singles(path, ctx);
      }
    }
    pairs(contexts);
    if (strategy == SearchSpec.Strategy.GRID && valid.size() == space.size()) {
      BigInteger size = SearchSpace.of(search).gridSize();
      if (size.compareTo(BigInteger.valueOf(SearchSpace.MAX_GRID_POINTS)) > 0) {
        out.add("$.search.space", String.format(Locale.ROOT,
            "the grid has %s points, more than the %,d allowed; use fewer values or a larger step, or strategy "
                + "random with a trial budget", readable(size), SearchSpace.MAX_GRID_POINTS));
      }
    }
  }

  /** Exact up to a quadrillion; beyond that, a power of ten says as much and stays readable. */
  static String readable(BigInteger count) {
    return count.compareTo(BigInteger.TEN.pow(15)) < 0
        ? String.format(Locale.ROOT, "%,d", count)
        : String.format(Locale.ROOT, "about %.1e", new BigDecimal(count));
  }

  private static String at(String path) {
    return Problems.field("$.search.space", path);
  }

  // ---------------------------------------------------------------- one parameter

  private JsonNode field(String path, String at) {
    JsonNode field = SpecSchema.settableField(path);
    if (field != null) {
      return field;
    }
    if (path.equals("dataset") || path.startsWith("dataset.")) {
      out.add(at, "dataset fields cannot be searched: every trial of a sweep trains and is ranked on the same data; "
          + "set it in dataset, or run one sweep per data set");
      return null;
    }
    String hint = SpecSchema.closest(path, SpecSchema.settablePaths());
    out.add(at, "not a searchable field" + (hint == null ? "" : "; did you mean \"" + hint + "\"?")
        + " Searchable fields: " + String.join(", ", SpecSchema.settablePaths()));
    return null;
  }

  private void shape(ParamSpec p, String at) {
    if (p.type() == ParamSpec.Type.CHOICE) {
      if (p.values() == null) {
        out.add(Problems.field(at, "values"), "required for a choice: the list of values to try");
      }
      notFor(p.min(), at, "min");
      notFor(p.max(), at, "max");
      notFor(p.step(), at, "step");
      notFor(p.log(), at, "log");
    } else {
      range(p, at);
    }
    if (p.values() != null) {
      // By canonical key rather than pairwise: 100 parameters of 1,000 values each would take
      // 50 million comparisons, past the 1 s a workflow task may run.
      Map<JsonNode, Integer> first = new HashMap<>(); // looked up, never iterated
      for (int j = 0; j < p.values().size(); j++) {
        Integer k = first.putIfAbsent(ParamValues.key(p.values().get(j)), j);
        if (k != null) {
          out.add(values(at, j), "repeats values[" + k + "] (" + ParamValues.render(p.values().get(j))
              + "); list each value once");
        }
      }
    }
  }

  private void notFor(Object value, String at, String name) {
    if (value != null) {
      out.add(Problems.field(at, name), "applies only to int and float parameters; a choice tries exactly its values");
    }
  }

  private static String values(String at, int j) {
    return Problems.index(Problems.field(at, "values"), j);
  }

  private void range(ParamSpec p, String at) {
    boolean isInt = p.type() == ParamSpec.Type.INT;
    String kind = isInt ? "an int" : "a float";
    Double min = p.min();
    Double max = p.max();
    if ((min == null) != (max == null)) {
      String missing = min == null ? "min" : "max";
      out.add(Problems.field(at, missing), "required with " + (min == null ? "max" : "min")
          + ": give both min and max, or only values");
    } else if (min == null && p.values() == null) {
      out.add(at, kind + " parameter needs min and max, or values");
    }
    boolean bounded = bound(min, isInt, at, "min") & bound(max, isInt, at, "max") && min != null && max != null;
    if (bounded && min >= max) {
      out.add(Problems.field(at, "max"), "must be greater than min (" + ConfigChecks.num(min) + "), got "
          + ConfigChecks.num(max));
      bounded = false;
    }
    if (isInt) {
      if (p.step() != null && p.step() != Math.rint(p.step())) {
        out.add(Problems.field(at, "step"), "must be a whole number for an int parameter, got " + ConfigChecks.num(p.step()));
      }
      if (p.log() != null) {
        out.add(Problems.field(at, "log"), "applies only to float parameters; an int samples its lattice uniformly");
      }
    } else if (p.isLog()) {
      if (min == null) {
        out.add(Problems.field(at, "log"), "needs min and max: log-uniform sampling draws between them");
      } else if (bounded && min <= 0) {
        out.add(Problems.field(at, "min"), "must be greater than 0 for a log-scale parameter, got " + ConfigChecks.num(min));
      }
    }
    if (p.step() != null && p.values() != null) {
      out.add(Problems.field(at, "step"), "give either step (a lattice from min to max) or values, not both");
    }
    if (strategy == SearchSpec.Strategy.GRID && !isInt && p.step() == null && p.values() == null && bounded) {
      out.add(at, "a grid needs step or values for a float parameter; add \"step\" (such as "
          + ConfigChecks.num((max - min) / 4) + " for 5 points) or list \"values\"");
    }
    if (p.values() != null) {
      for (int j = 0; j < p.values().size(); j++) {
        JsonNode v = p.values().get(j);
        if (!v.isNumber() || (isInt && !v.canConvertToExactIntegral()) || (isInt && Math.abs(v.doubleValue()) > MAX_EXACT)) {
          out.add(values(at, j), "must be " + (isInt ? "a whole number" : "a number") + " for " + kind
              + " parameter, got " + ParamValues.render(v));
        } else if (bounded && (v.doubleValue() < min || v.doubleValue() > max)) {
          out.add(values(at, j), "must lie within min and max (" + ConfigChecks.num(min) + " to " + ConfigChecks.num(max)
              + "), got " + ParamValues.render(v));
        }
      }
    }
  }

  /** Checks one bound; true when it is absent or fine. */
  private boolean bound(Double v, boolean isInt, String at, String name) {
    if (v == null) {
      return true;
    }
    if (!Double.isFinite(v) || Math.abs(v) > MAX_EXACT) {
      out.add(Problems.field(at, name), "must be a finite number of magnitude at most 2^53 - 1, got " + v);
      return false;
    }
    if (isInt && v != Math.rint(v)) {
      out.add(Problems.field(at, name), "must be a whole number for an int parameter, got " + ConfigChecks.num(v));
      return false;
    }
    return true;
  }

  private void fieldType(String path, JsonNode field, ParamSpec p, String at) {
    List<String> types = SpecSchema.types(field);
    boolean numeric = types.contains("integer") || types.contains("number");
    String type = Problems.field(at, "type");
    if (p.type() != ParamSpec.Type.CHOICE && !numeric) {
      out.add(type, path + " is not a number (it must be " + SpecSchema.describe(field)
          + "); use \"type\": \"choice\" with \"values\"");
    } else if (p.type() == ParamSpec.Type.FLOAT && !types.contains("number")) {
      out.add(type, path + " takes whole numbers; use \"type\": \"int\"");
    }
  }

  private void conditions(String path, ParamSpec p, int i, String at) {
    for (Map.Entry<String, List<JsonNode>> c : p.whenOrEmpty().entrySet()) {
      String parent = c.getKey();
      String cat = Problems.field(Problems.field(at, "when"), parent);
      int j = order.indexOf(parent);
      if (j == i) {
        out.add(cat, "a parameter cannot be conditional on itself");
      } else if (j < 0 || j > i) {
        List<String> earlier = order.subList(0, i);
        out.add(cat, (j < 0 ? "names no parameter of the space" : "names a later parameter; move it above " + path)
            + "; a condition reads a value chosen earlier, so it names a parameter above this one"
            + (earlier.isEmpty() ? " (there is none)" : ": " + String.join(", ", earlier)));
      } else if (space.get(parent).type() == ParamSpec.Type.FLOAT) {
        out.add(cat, "names a float parameter, whose values never match a list exactly; condition on a choice or "
            + "int parameter");
      } else if (valid.contains(parent)) {
        SearchSpace.Domain domain = SearchSpace.domainOf(space.get(parent), strategy);
        for (int k = 0; k < c.getValue().size(); k++) {
          JsonNode v = c.getValue().get(k);
          if (!domain.contains(v)) {
            out.add(Problems.index(cat, k), parent + " never takes " + ParamValues.render(v) + "; it takes "
                + describe(domain));
          }
        }
      }
    }
  }

  private static String describe(SearchSpace.Domain domain) {
    if (domain instanceof SearchSpace.IntRange r) {
      return "the integers from " + r.min() + " to " + r.max() + (r.step() == 1 ? "" : " in steps of " + r.step());
    }
    List<String> shown = new ArrayList<>();
    List<JsonNode> nodes = ((SearchSpace.Values) domain).nodes();
    for (JsonNode n : nodes.subList(0, Math.min(nodes.size(), 12))) {
      shown.add(ParamValues.render(n));
    }
    return "one of " + String.join(", ", shown) + (nodes.size() > 12 ? ", ..." : "");
  }

  // ---------------------------------------------------------------- candidates

  private List<Candidate> candidates(String path) {
    ParamSpec p = space.get(path);
    String at = at(path);
    List<Candidate> out = new ArrayList<>();
    if (p.min() != null) {
      SearchSpace.Domain d = SearchSpace.domainOf(p, SearchSpec.Strategy.RANDOM);
      boolean isInt = d instanceof SearchSpace.IntRange;
      // An int lattice may stop short of max: its last point is the largest value it produces.
      long last = isInt ? ((SearchSpace.IntRange) d).count() - 1 : 0;
      out.add(new Candidate(path, Problems.field(at, "min"), isInt ? d.node(0) : DoubleNode.valueOf(p.min())));
      out.add(new Candidate(path, Problems.field(at, "max"), isInt ? d.node(last) : DoubleNode.valueOf(p.max())));
    }
    if (p.values() != null) {
      SearchSpace.Values values = (SearchSpace.Values) SearchSpace.domainOf(p, SearchSpec.Strategy.GRID);
      for (int j = 0; j < values.nodes().size(); j++) {
        out.add(new Candidate(path, values(at, j), values.nodes().get(j)));
      }
    }
    return out;
  }

  /**
   * The assignments of earlier parameters under which {@code path} is active: every combination
   * of the values its conditions (and theirs, transitively) allow; null if it can never be active.
   */
  private List<Map<String, JsonNode>> contexts(String path) {
    Map<String, List<JsonNode>> allowed = ancestors(path);
    if (allowed == null) {
      return null;
    }
    ancestry.put(path, allowed);
    List<Map<String, JsonNode>> out = new ArrayList<>();
    out.add(Map.of());
    for (String a : order) {
      if (!allowed.containsKey(a)) {
        continue;
      }
      List<Map<String, JsonNode>> next = new ArrayList<>();
      for (Map<String, JsonNode> ctx : out) {
        for (JsonNode v : allowed.get(a)) {
          if (next.size() < MAX_CONTEXTS) {
            Map<String, JsonNode> m = new LinkedHashMap<>(ctx);
            m.put(a, v);
            next.add(m);
          }
        }
      }
      out = next;
    }
    return out;
  }

  /** Each parameter {@code path} depends on, with the values it must take; null if none can. */
  private Map<String, List<JsonNode>> ancestors(String path) {
    Map<String, List<JsonNode>> allowed = new LinkedHashMap<>();
    List<String> todo = new ArrayList<>(List.of(path));
    while (!todo.isEmpty()) {
      String p = todo.remove(0);
      for (Map.Entry<String, List<JsonNode>> c : space.get(p).whenOrEmpty().entrySet()) {
        String a = c.getKey();
        if (!valid.contains(a)) {
          return null;
        }
        List<JsonNode> prior = allowed.get(a);
        List<JsonNode> both = new ArrayList<>();
        for (JsonNode v : c.getValue()) {
          if ((prior == null || ParamValues.contains(prior, v)) && !ParamValues.contains(both, v)) {
            both.add(v);
          }
        }
        if (both.isEmpty()) {
          out.add(at(path), "can never be active: its conditions need " + a + " to take values from disjoint lists");
          return null;
        }
        allowed.put(a, both);
        todo.add(a);
      }
    }
    return allowed;
  }

  private void singles(String path, List<Map<String, JsonNode>> contexts) {
    for (Map<String, JsonNode> ctx : contexts) {
      Set<SpecProblem> known = new HashSet<>(trial(ctx).list());
      for (Candidate c : candidates(path)) {
        if (trialsLeft <= 0) {
          return;
        }
        report(c, ctx, SearchSpace.with(ctx, path, c.value()), known, "");
      }
    }
  }

  /** Tries each later parameter with each earlier one of the same section that can be active with it. */
  private void pairs(Map<String, List<Map<String, JsonNode>>> contexts) {
    List<String> checked = new ArrayList<>(contexts.keySet());
    for (int i = 0; i < checked.size(); i++) {
      String p = checked.get(i);
      List<Candidate> ps = first(candidates(p));
      for (int j = 0; j < i; j++) {
        String q = checked.get(j);
        if (!section(p).equals(section(q)) || ancestry.get(p).containsKey(q)) {
          continue;
        }
        List<Candidate> qs = first(candidates(q));
        for (Map<String, JsonNode> ctx : contexts.get(p)) {
          Map<String, JsonNode> both = compatible(ctx, ancestry.get(q));
          if (both == null) {
            continue;
          }
          if (trialsLeft < ps.size() + qs.size() + ps.size() * qs.size()) {
            return;
          }
          // Only what the pair causes together is news: each value alone was checked already.
          List<Set<SpecProblem>> pAlone = new ArrayList<>();
          for (Candidate pc : ps) {
            pAlone.add(new HashSet<>(trial(SearchSpace.with(both, p, pc.value())).list()));
          }
          for (Candidate qc : qs) {
            Map<String, JsonNode> withQ = SearchSpace.with(both, q, qc.value());
            Set<SpecProblem> qAlone = new HashSet<>(trial(withQ).list());
            for (int k = 0; k < ps.size(); k++) {
              Set<SpecProblem> known = new HashSet<>(pAlone.get(k));
              known.addAll(qAlone);
              report(ps.get(k), withQ, SearchSpace.with(withQ, p, ps.get(k).value()), known,
                  "; or make one of " + q + " and " + p + " conditional on the other with \"when\"");
            }
          }
        }
      }
    }
  }

  private static List<Candidate> first(List<Candidate> all) {
    return all.subList(0, Math.min(all.size(), PAIR_VALUES));
  }

  /** {@code ctx} extended by the first allowed value of each extra ancestor; null if they conflict. */
  private static Map<String, JsonNode> compatible(Map<String, JsonNode> ctx, Map<String, List<JsonNode>> ancestors) {
    Map<String, JsonNode> out = new LinkedHashMap<>(ctx);
    for (Map.Entry<String, List<JsonNode>> a : ancestors.entrySet()) {
      JsonNode v = ctx.get(a.getKey());
      if (v == null) {
        out.put(a.getKey(), a.getValue().get(0));
      } else if (!ParamValues.contains(a.getValue(), v)) {
        return null;
      }
    }
    return out;
  }

  /** One of {@link SpecSchema#SEARCHABLE_SECTIONS}: parameters of different sections never interact. */
  private static String section(String path) {
    return path.substring(0, path.indexOf('.'));
  }

  /**
   * Reports the problems of a trial that neither the base nor {@code known} has, under the
   * candidate's path, followed by {@code hint}.
   */
  private void report(Candidate c, Map<String, JsonNode> context, Map<String, JsonNode> values, Set<SpecProblem> known,
      String hint) {
    for (SpecProblem problem : trial(values).list()) {
      if (known.contains(problem) || baseProblems.contains(problem) || !reported.add(List.of(c.param(), problem))) {
        continue;
      }
      List<String> given = new ArrayList<>();
      context.forEach((k, v) -> given.add(k + " = " + ParamValues.render(v)));
      out.add(c.at(),
          ParamValues.render(c.value()) + " makes an invalid trial" + (given.isEmpty() ? "" : " with " + String.join(", ", given))
              + ": " + Problems.relative(problem.path()) + ": " + problem.message() + hint);
    }
  }

  /** The problems of the base configuration with {@code values} applied. */
  private Problems trial(Map<String, JsonNode> values) {
    trialsLeft--;
    ObjectNode doc = base.deepCopy();
    TrialSpec.apply(doc, values);
    Problems p = new Problems();
    SpecSchema.validate(doc, p);
    if (p.isEmpty()) {
      ConfigChecks.check(doc, p);
    }
    return p;
  }
}
