package dev.modelsweep.spec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Collects problems, once each and in the order found, and builds the JSON paths they point at. */
final class Problems {

  static final String ROOT = "$";
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Set<SpecProblem> found = new LinkedHashSet<>();

  void add(String path, String message) {
    found.add(new SpecProblem(path, message));
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  int size() {
    return found.size();
  }

  List<SpecProblem> list() {
    return List.copyOf(found);
  }

  void throwIfAny() {
    if (!found.isEmpty()) {
      throw new SpecException(new ArrayList<>(found));
    }
  }

  /** {@code $.a} for a plain name, {@code $['optimizer.momentum']} for any other key. */
  static String field(String parent, String name) {
    if (IDENTIFIER.matcher(name).matches()) {
      return parent + "." + name;
    }
    return parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }

  static String index(String parent, int i) {
    return parent + "[" + i + "]";
  }

  /** A path of field names and array indices from the root. */
  static String path(List<?> segments) {
    String p = ROOT;
    for (Object s : segments) {
      p = s instanceof Integer i ? index(p, i) : field(p, String.valueOf(s));
    }
    return p;
  }

  /** A section path without the root marker, for messages: {@code $.model.width} reads {@code model.width}. */
  static String relative(String path) {
    return path.startsWith(ROOT + ".") ? path.substring(2) : path;
  }
}
