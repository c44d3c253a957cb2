package dev.modelsweep.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One searched parameter.
 *
 * <ul>
 *   <li>{@code {"type": "choice", "values": [...]}}: one of the values (any JSON, such as {@code
 *       [128, 64]} for {@code model.hiddenLayers}).
 *   <li>{@code {"type": "int", "min": 1, "max": 4}}: an integer in [min, max]; {@code step}
 *       (default 1) sets the grid.
 *   <li>{@code {"type": "float", "min": 1e-4, "max": 0.1, "log": true}}: a real in [min, max],
 *       uniform or log-uniform; a grid needs {@code step} (linear) or {@code values}.
 * </ul>
 *
 * <p>Random search samples {@code min..max} when given, else {@code values}; grid search expands
 * {@code values} when given, else {@code min..max} by {@code step} (see {@link SearchSpace}).
 *
 * <p>{@code when} makes a parameter conditional: it exists only when each named earlier choice or
 * int parameter took one of the listed values, e.g. {@code {"optimizer.type": ["momentum",
 * "nesterov"]}}.
 *
 * @param type {@code choice}, {@code int} or {@code float}
 * @param values choice: the values; int and float: explicit grid points (optional)
 * @param min int and float: lower bound, inclusive
 * @param max int and float: upper bound, inclusive
 * @param step int: lattice spacing for both strategies, default 1; float: grid spacing
 * @param log float: sample log-uniformly; default false
 * @param when conditions on earlier parameters
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParamSpec(
    Type type,
    List<JsonNode> values,
    Double min,
    Double max,
    Double step,
    Boolean log,
    Map<String, List<JsonNode>> when) {

  public enum Type {
    @JsonProperty("choice") CHOICE,
    @JsonProperty("int") INT,
    @JsonProperty("float") FLOAT
  }

  /** Not a JSON property: {@code log} itself is, and stays absent when unset. */
  @JsonIgnore
  public boolean isLog() {
    return log != null && log;
  }

  public Map<String, List<JsonNode>> whenOrEmpty() {
    return when == null ? Map.of() : when;
  }
}
