package dev.modelsweep.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON Schema of a sweep spec ({@code sweep-spec.schema.json}), loaded once from the classpath
 * as a {@link DocumentSchema}, and what the spec's own checks read from it: the settable paths of a
 * search space are its leaf fields under {@link #SEARCHABLE_SECTIONS}.
 */
final class SpecSchema {

  static final String RESOURCE = "/dev/modelsweep/spec/sweep-spec.schema.json";

  /** Sections whose fields a search space may set; dataset is deliberately absent. */
  static final List<String> SEARCHABLE_SECTIONS = List.of("model", "training", "optimizer", "finetune", "distill");

  private static final DocumentSchema SCHEMA = DocumentSchema.load(RESOURCE);
  private static final List<String> SETTABLE = settable();

  private SpecSchema() {}

  /** The schema document; callers must not modify it. */
  static JsonNode root() {
    return SCHEMA.root();
  }

  /** See {@link DocumentSchema#validate}. */
  static void validate(JsonNode doc, Problems out) {
    SCHEMA.validate(doc, out);
  }

  /** See {@link DocumentSchema#at}. */
  static JsonNode at(List<Object> path) {
    return SCHEMA.at(path);
  }

  static JsonNode resolve(JsonNode schema) {
    return SCHEMA.resolve(schema);
  }

  static List<String> fieldNames(JsonNode schema) {
    return SCHEMA.fieldNames(schema);
  }

  static String describe(JsonNode schema) {
    return SCHEMA.describe(schema);
  }

  static List<String> types(JsonNode schema) {
    return DocumentSchema.types(schema);
  }

  static JsonNode nodeAt(JsonNode doc, List<Object> path) {
    return DocumentSchema.nodeAt(doc, path);
  }

  static String closest(String name, List<String> names) {
    return DocumentSchema.closest(name, names);
  }

  /** The schema of a searchable leaf field such as {@code model.width}, or null if there is none. */
  static JsonNode settableField(String dotted) {
    return SETTABLE.contains(dotted) ? at(FieldRules.segments(dotted)) : null;
  }

  /** Every path a search space may set, in schema order. */
  static List<String> settablePaths() {
    return SETTABLE;
  }

  private static List<String> settable() {
    List<String> out = new ArrayList<>();
    for (String section : SEARCHABLE_SECTIONS) {
      collectLeaves(section, at(List.of(section)), out);
    }
    return List.copyOf(out);
  }

  private static void collectLeaves(String prefix, JsonNode schema, List<String> out) {
    for (String name : SCHEMA.fieldNames(schema)) {
      JsonNode field = SCHEMA.property(schema, name);
      if (types(field).contains("object")) {
        collectLeaves(prefix + "." + name, field, out);
      } else {
        out.add(prefix + "." + name);
      }
    }
  }

}
