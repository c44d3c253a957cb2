package dev.modelsweep.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A JSON Schema document (draft 2020-12) loaded from the classpath, and the structural check built
 * on it that every ModelSweep document uses (the sweep spec, the pipeline). The schema is the single
 * source of field names, types, enums and ranges: problems are phrased from the schema node of the
 * offending field ("must be an integer from 1 to 100000"), with unknown fields answered by "did you
 * mean" and the fields allowed. Immutable and thread-safe once loaded, so workflow code may use it.
 */
public final class DocumentSchema {

  private final JsonNode root;
  private final JsonSchema schema;
  /**
   * Each {@code $ref} node's resolved form, by identity: checks look fields up once per value, and
   * merging a fresh copy of the referenced schema every time made large grids slow to reject. The
   * schema never changes, so a resolution holds for good.
   */
  private final Map<JsonNode, JsonNode> resolved = Collections.synchronizedMap(new IdentityHashMap<>());

  private DocumentSchema(JsonNode root) {
    this.root = root;
    this.schema = compile(root);
  }

  /**
   * Loads and compiles the schema at a classpath resource.
   *
   * @throws IllegalStateException if there is no such resource
   */
  public static DocumentSchema load(String resource) {
    try (InputStream in = DocumentSchema.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + resource);
      }
      return new DocumentSchema(SpecJson.MAPPER.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** The schema document; callers must not modify it. */
  public JsonNode root() {
    return root;
  }

  private static JsonSchema compile(JsonNode root) {
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(root, SchemaValidatorsConfig.builder().build());
    // Build every validator now, at class load, rather than lazily inside the first workflow task.
    schema.initializeValidators();
    return schema;
  }

  // ---------------------------------------------------------------- structural check

  /** Adds one clean problem per offending field of {@code doc}, in document order. */
  public void validate(JsonNode doc, Problems out) {
    record Found(List<Object> at, String message) {}
    List<Found> found = new ArrayList<>();
    for (ValidationMessage m : schema.validate(doc)) {
      List<Object> at = segments(m.getInstanceLocation());
      switch (m.getType()) {
        case "required" -> {
          List<Object> field = append(at, m.getProperty());
          found.add(new Found(field, "required field is missing; must be " + describe(at(field), m)));
        }
        case "additionalProperties" -> found.add(
            new Found(append(at, m.getProperty()), unknownField(m.getProperty(), at(at))));
        default -> found.add(
            new Found(at, "must be " + describe(at(at), m) + ", got " + ParamValues.render(nodeAt(doc, at))));
      }
    }
    // networknt reports in evaluation order; users read documents top to bottom.
    Comparator<Found> byPosition = Comparator.comparing(f -> position(doc, f.at()), DocumentSchema::compare);
    found.sort(byPosition);
    for (Found f : found) {
      out.add(Problems.path(f.at()), f.message());
    }
  }

  private String unknownField(String name, JsonNode parent) {
    List<String> allowed = fieldNames(parent);
    String hint = closest(name, allowed);
    return "unknown field"
        + (hint == null ? "" : "; did you mean \"" + hint + "\"?")
        + (allowed.isEmpty() ? "" : (hint == null ? "; fields" : " Fields") + " allowed here: " + String.join(", ", allowed));
  }

  private static List<Object> segments(JsonNodePath path) {
    List<Object> out = new ArrayList<>(path.getNameCount());
    for (int i = 0; i < path.getNameCount(); i++) {
      out.add(path.getElement(i));
    }
    return out;
  }

  private static List<Object> append(List<Object> path, Object segment) {
    List<Object> out = new ArrayList<>(path);
    out.add(segment);
    return out;
  }

  static JsonNode nodeAt(JsonNode doc, List<Object> path) {
    JsonNode node = doc;
    for (Object s : path) {
      node = node == null ? null : s instanceof Integer i ? node.get(i) : node.get((String) s);
    }
    return node;
  }

  /** Index of each segment among its siblings; absent fields sort after present ones. */
  private static List<Integer> position(JsonNode doc, List<Object> path) {
    List<Integer> out = new ArrayList<>(path.size());
    JsonNode node = doc;
    for (Object s : path) {
      if (s instanceof Integer i) {
        out.add(i);
        node = node == null ? null : node.get(i);
        continue;
      }
      int index = Integer.MAX_VALUE;
      if (node != null && node.isObject()) {
        int k = 0;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); k++) {
          if (it.next().equals(s)) {
            index = k;
            break;
          }
        }
      }
      out.add(index);
      node = node == null ? null : node.get((String) s);
    }
    return out;
  }

  private static int compare(List<Integer> a, List<Integer> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = Integer.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  // ---------------------------------------------------------------- navigation

  /** The schema of the value at {@code path} (field names and indices), refs resolved; null if none. */
  public JsonNode at(List<Object> path) {
    JsonNode schema = resolve(root);
    for (Object s : path) {
      if (schema == null) {
        return null;
      }
      schema = s instanceof Integer ? child(schema, "items", null) : child(schema, "properties", (String) s);
    }
    return schema;
  }

  /** The schema of field {@code name} of an object schema, in any of its forms; null if none. */
  public JsonNode property(JsonNode objectSchema, String name) {
    return child(objectSchema, "properties", name);
  }

  /**
   * The subschema under {@code keyword} ({@code properties.name}, {@code items}), looking also in
   * the {@code then} and {@code else} branches where a field takes several forms, and falling back
   * to {@code additionalProperties} for maps.
   */
  private JsonNode child(JsonNode schema, String keyword, String name) {
    for (JsonNode alt : alternatives(schema)) {
      JsonNode k = alt.get(keyword);
      JsonNode sub = k == null ? null : name == null ? k : k.get(name);
      if (sub != null && sub.isObject()) {
        return resolve(sub);
      }
    }
    if (name != null) {
      for (JsonNode alt : alternatives(schema)) {
        JsonNode extra = alt.get("additionalProperties");
        if (extra != null && extra.isObject()) {
          return resolve(extra);
        }
      }
    }
    return null;
  }

  private List<JsonNode> alternatives(JsonNode schema) {
    List<JsonNode> out = new ArrayList<>(3);
    out.add(schema);
    for (String branch : List.of("then", "else")) {
      if (schema.has(branch)) {
        out.add(resolve(schema.get(branch)));
      }
    }
    return out;
  }

  /**
   * Follows {@code $ref}; keywords beside the ref (description, default) are kept. The result is
   * shared: callers must not modify it.
   */
  public JsonNode resolve(JsonNode schema) {
    JsonNode ref = schema.get("$ref");
    if (ref == null) {
      return schema;
    }
    JsonNode known = resolved.get(schema);
    if (known != null) {
      return known;
    }
    ObjectNode merged = resolve(root.at(ref.asText().substring(1))).deepCopy();
    for (Map.Entry<String, JsonNode> e : schema.properties()) {
      if (!e.getKey().equals("$ref")) {
        merged.set(e.getKey(), e.getValue());
      }
    }
    resolved.put(schema, merged);
    return merged;
  }

  /** Field names of an object schema, over all its forms, in schema order. */
  public List<String> fieldNames(JsonNode schema) {
    List<String> out = new ArrayList<>();
    if (schema == null) {
      return out;
    }
    for (JsonNode alt : alternatives(schema)) {
      JsonNode props = alt.get("properties");
      if (props != null) {
        props.fieldNames().forEachRemaining(n -> {
          if (!out.contains(n)) {
            out.add(n);
          }
        });
      }
    }
    return out;
  }

  static List<String> types(JsonNode schema) {
    JsonNode t = schema == null ? null : schema.get("type");
    List<String> out = new ArrayList<>();
    if (t != null && t.isArray()) {
      t.forEach(n -> out.add(n.asText()));
    } else if (t != null) {
      out.add(t.asText());
    }
    return out;
  }

  // ---------------------------------------------------------------- phrasing

  private String describe(JsonNode schema, ValidationMessage fallback) {
    if (schema == null) {
      // Not expected: every location the schema reaches has a schema node. Keep networknt's words.
      String m = fallback.getMessage();
      int colon = m.indexOf(": ");
      return "valid here (" + (colon < 0 ? m : m.substring(colon + 2)) + ")";
    }
    return describe(schema);
  }

  /** What a schema allows, as a phrase that follows "must be". */
  public String describe(JsonNode schema) {
    schema = resolve(schema);
    if (schema.has("const")) {
      return ParamValues.render(schema.get("const"));
    }
    if (schema.has("enum")) {
      List<String> values = new ArrayList<>();
      schema.get("enum").forEach(v -> values.add(ParamValues.render(v)));
      return "one of " + String.join(", ", values);
    }
    List<String> types = types(schema);
    if (types.isEmpty()) {
      return "any JSON value";
    }
    if (types.size() > 1) {
      List<String> forms = new ArrayList<>();
      for (String t : types) {
        forms.add(describe(form(schema, t)));
      }
      return String.join(" or ", forms);
    }
    return switch (types.get(0)) {
      case "integer" -> "an integer" + range(schema);
      case "number" -> "a number" + range(schema);
      case "boolean" -> "true or false";
      case "string" -> schema.has("pattern")
          ? "a string matching " + schema.get("pattern").asText()
          : schema.path("minLength").asInt(0) > 0 ? "a non-empty string" : "a string";
      case "array" -> "a list of " + count(schema, "Items", "item")
          + (schema.has("items") ? ", each " + describe(schema.get("items")) : "");
      case "object" -> describeObject(schema);
      default -> types.get(0);
    };
  }

  /** The one-type form of a multi-type schema: {@code if {type: t}} picks then, else picks else. */
  private JsonNode form(JsonNode schema, String type) {
    ObjectNode out = SpecJson.MAPPER.createObjectNode();
    JsonNode cond = schema.path("if").path("type");
    JsonNode branch = cond.isTextual() && cond.asText().equals(type) ? schema.get("then") : schema.get("else");
    if (branch != null) {
      out.setAll((ObjectNode) resolve(branch));
    }
    if (!out.has("const") && !out.has("enum")) {
      out.put("type", type);
    }
    return out;
  }

  private String describeObject(JsonNode schema) {
    List<String> fields = fieldNames(schema);
    String size = schema.has("minProperties") || schema.has("maxProperties")
        ? " (" + count(schema, "Properties", "entry").trim() + ")"
        : "";
    if (!fields.isEmpty()) {
      return "an object with fields " + String.join(", ", fields) + size;
    }
    JsonNode extra = schema.get("additionalProperties");
    if (extra != null && extra.isObject()) {
      return "an object" + size + " whose values are each " + describe(extra);
    }
    return "an object" + size;
  }

  private static String range(JsonNode s) {
    JsonNode lo = s.has("minimum") ? s.get("minimum") : s.get("exclusiveMinimum");
    JsonNode hi = s.has("maximum") ? s.get("maximum") : s.get("exclusiveMaximum");
    boolean loIn = s.has("minimum");
    boolean hiIn = s.has("maximum");
    if (lo != null && hi != null && loIn && hiIn) {
      return " from " + lo.asText() + " to " + hi.asText();
    }
    List<String> parts = new ArrayList<>(2);
    if (lo != null) {
      parts.add((loIn ? "at least " : "greater than ") + lo.asText());
    }
    if (hi != null) {
      parts.add((hiIn ? "at most " : "less than ") + hi.asText());
    }
    return parts.isEmpty() ? "" : " " + String.join(" and ", parts);
  }

  /** "3 items", "at least 1 item", "1 to 64 items" from minItems/maxItems (or min/maxProperties). */
  private static String count(JsonNode s, String keyword, String noun) {
    JsonNode min = s.get("min" + keyword);
    JsonNode max = s.get("max" + keyword);
    String plural = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
    if (min != null && max != null) {
      return min.asInt() == max.asInt()
          ? min.asText() + " " + (min.asInt() == 1 ? noun : plural)
          : min.asText() + " to " + max.asText() + " " + plural;
    }
    if (min != null) {
      return "at least " + min.asText() + " " + (min.asInt() == 1 ? noun : plural);
    }
    if (max != null) {
      return "at most " + max.asText() + " " + plural;
    }
    return plural;
  }

  /** A close spelling among {@code names}, for "did you mean"; null when none is close. */
  public static String closest(String name, List<String> names) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String n : names) {
      int d = n.equalsIgnoreCase(name) ? 0 : distance(name.toLowerCase(Locale.ROOT), n.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = n;
        bestDistance = d;
      }
    }
    return bestDistance <= Math.min(2, Math.max(1, name.length() / 3)) ? best : null;
  }

  /** Edit distance counting a swap of neighbours as one edit, the commonest typo. */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
