package dev.modelsweep.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads and validates sweep specs. Validation reports every problem at once, in three steps:
 *
 * <ol>
 *   <li>structure: the JSON Schema ({@code sweep-spec.schema.json}, draft 2020-12) checks types,
 *       required fields, enums, ranges and unknown fields at every depth;
 *   <li>binding into {@link SweepSpec} with {@link #mapper()};
 *   <li>meaning: fields belong to the chosen model family, optimizer and schedule type; the data
 *       source is complete and fits the model; every search parameter is well formed, conditions
 *       name earlier parameters, every value a parameter can take gives a valid trial, and a grid
 *       has at most {@link SearchSpace#MAX_GRID_POINTS} points; early stopping has an objective that
 *       changes with training.
 * </ol>
 *
 * <p>A document with structural problems reports only those, since meaning cannot be read from
 * a document of the wrong shape. Nothing is filled in: the spec returned is what was written, and
 * defaults apply per trial. Pure and deterministic (the schema is read from the classpath once),
 * so a workflow may parse its own input.
 */
public final class SpecParser {

  /** Jackson names where an unclosed object began with a source description users need not see. */
  private static final Pattern START_MARKER =
      Pattern.compile("\\(start marker at \\[Source: .*?; line: (\\d+), column: (\\d+)\\]\\)");

  private SpecParser() {}

  /**
   * The shared, strictly configured mapper for specs: unknown fields, duplicate keys and trailing
   * content fail. Do not reconfigure it.
   */
  public static ObjectMapper mapper() {
    return SpecJson.MAPPER;
  }

  /**
   * Parses JSON text.
   *
   * @throws SpecException listing every problem; malformed JSON is one problem at {@code $} that
   *     gives the line and column
   */
  public static SweepSpec parse(String json) {
    return parse(readTree(json));
  }

  /**
   * Reads JSON text with {@link #mapper()}, for any ModelSweep document.
   *
   * @throws SpecException with one problem at {@code $} that gives the line and column of
   *     malformed JSON
   */
  public static JsonNode readTree(String json) {
    try {
      return SpecJson.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation where = e.getLocation();
      String first = START_MARKER.matcher(String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse(""))
          .replaceAll("(the one opened at line $1, column $2)");
      throw new SpecException(List.of(new SpecProblem(Problems.ROOT, "malformed JSON"
          + (where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr())
          + ": " + first)));
    }
  }

  /**
   * Validates and binds a JSON tree.
   *
   * @throws SpecException listing every problem
   */
  public static SweepSpec parse(JsonNode json) {
    if (json == null || json.isMissingNode()) {
      throw new SpecException(List.of(new SpecProblem(Problems.ROOT, "empty document; a spec is a JSON object")));
    }
    Problems problems = new Problems();
    outOfRangeNumbers(json, new ArrayDeque<>(), problems);
    problems.throwIfAny();
    SpecSchema.validate(json, problems);
    problems.throwIfAny();
    SweepSpec spec = bind(json, SweepSpec.class);
    ConfigChecks.check(json, problems);
    SpaceChecks.check(json, spec, problems);
    SearchChecks.check(spec, problems);
    problems.throwIfAny();
    return spec;
  }

  /**
   * Numbers beyond a double's range: JSON text allows {@code 1e309}, which reads as infinity,
   * and no check after this one could say where it came from. The path is rendered only for a
   * number found: a grid of 10^5 values is walked without building a string per node.
   */
  private static void outOfRangeNumbers(JsonNode node, Deque<Object> path, Problems problems) {
    if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
      problems.add(Problems.path(List.copyOf(path)),
          "a number beyond the range of a double (about ±1.8e308); write a smaller one");
    } else if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        path.addLast(e.getKey());
        outOfRangeNumbers(e.getValue(), path, problems);
        path.removeLast();
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        path.addLast(i);
        outOfRangeNumbers(node.get(i), path, problems);
        path.removeLast();
      }
    }
  }

  /** The JSON form of a spec; {@link #parse(JsonNode)} of it gives an equal spec. */
  public static JsonNode toJson(SweepSpec spec) {
    return SpecJson.MAPPER.valueToTree(spec);
  }

  /**
   * Binds a tree that its schema accepted into its record, for any ModelSweep document.
   *
   * @throws SpecException naming the path, should the schema and the record disagree
   */
  public static <T> T bind(JsonNode json, Class<T> type) {
    try {
      return SpecJson.MAPPER.treeToValue(json, type);
    } catch (JsonProcessingException e) {
      // The schema accepted the document, so this is a schema/record mismatch; still say where.
      List<Object> path = new ArrayList<>();
      if (e instanceof JsonMappingException m) {
        for (JsonMappingException.Reference r : m.getPath()) {
          path.add(r.getFieldName() != null ? r.getFieldName() : (Object) r.getIndex());
        }
      }
      throw new SpecException(List.of(new SpecProblem(Problems.path(path), "cannot be read: " + e.getOriginalMessage())));
    }
  }
}
