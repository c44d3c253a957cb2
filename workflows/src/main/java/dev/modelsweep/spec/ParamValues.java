package dev.modelsweep.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;

/**
 * Conversions between JSON values and the plain Java values that trial parameters are kept as
 * ({@code Integer} or {@code Long}, {@code Double}, {@code String}, {@code Boolean}, {@code List},
 * {@code Map}, {@code null}): the types Jackson reads untyped JSON into, so parameters look the
 * same after a trip through workflow history.
 */
final class ParamValues {

  /** Numbers equal by value at any depth, so that {@code 2} matches {@code 2.0} in a condition. */
  private static final Comparator<JsonNode> SAME =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  private ParamValues() {}

  static Object toJava(JsonNode node) {
    return SpecJson.MAPPER.convertValue(node, Object.class);
  }

  static JsonNode toJson(Object value) {
    return value instanceof JsonNode n ? n : SpecJson.MAPPER.valueToTree(value);
  }

  /**
   * A canonical form: {@code key(a).equals(key(b))} exactly when {@link #same}{@code (a, b)}, so
   * values can be hashed. Numbers become decimals without trailing zeros, at any depth.
   */
  static JsonNode key(JsonNode node) {
    if (node.isNumber()) {
      return DecimalNode.valueOf(node.decimalValue().stripTrailingZeros());
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
      node.forEach(n -> out.add(key(n)));
      return out;
    }
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      node.properties().forEach(e -> out.set(e.getKey(), key(e.getValue())));
      return out;
    }
    return node;
  }

  static boolean same(JsonNode a, JsonNode b) {
    return a.equals(SAME, b);
  }

  /** Whether {@code list} holds a value the same as {@code value}. */
  static boolean contains(Iterable<JsonNode> list, JsonNode value) {
    for (JsonNode n : list) {
      if (same(n, value)) {
        return true;
      }
    }
    return false;
  }

  /** A short JSON rendering for messages; long values are cut. */
  static String render(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    String s = node.toString();
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
