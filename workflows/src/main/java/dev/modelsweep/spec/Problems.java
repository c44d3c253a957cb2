package dev.modelsweep.spec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Collects problems, once each and in the order found, and builds the JSON paths they point at.
 * Every ModelSweep document (the sweep spec, the pipeline) reports through one of these.
 */
public final class Problems {

  public static final String ROOT = "$";
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Set<SpecProblem> found = new LinkedHashSet<>();

  /** Adds a problem at {@code path} (see {@link #field}, {@link #index}); a repeat is ignored. */
  public void add(String path, String message) {
    found.add(new SpecProblem(path, message));
  }

  public boolean isEmpty() {
    return found.isEmpty();
  }

  public int size() {
    return found.size();
  }

  /** The problems found so far, in order. */
  public List<SpecProblem> list() {
    return List.copyOf(found);
  }

  /** @throws SpecException with every problem found, if there is any */
  public void throwIfAny() {
    if (!found.isEmpty()) {
      throw new SpecException(new ArrayList<>(found));
    }
  }

  /** {@code $.a} for a plain name, {@code $['optimizer.momentum']} for any other key. */
  public static String field(String parent, String name) {
    if (IDENTIFIER.matcher(name).matches()) {
      return parent + "." + name;
    }
    return parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }

  public static String index(String parent, int i) {
    return parent + "[" + i + "]";
  }

  /** A path of field names and array indices from the root. */
  public static String path(List<?> segments) {
    String p = ROOT;
    for (Object s : segments) {
      p = s instanceof Integer i ? index(p, i) : field(p, String.valueOf(s));
    }
    return p;
  }

  /** A section path without the root marker, for messages: {@code $.model.width} reads {@code model.width}. */
  public static String relative(String path) {
    return path.startsWith(ROOT + ".") ? path.substring(2) : path;
  }
}
