package dev.modelsweep.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which fields apply to which kind: model fields to a family, optimizer hyperparameters to an
 * optimizer type ({@link OptimizerSpec#typesUsing}), schedule fields to a schedule type. One
 * table serves both the parser, which rejects a field that does not apply, and {@link
 * TrialSpec}, which drops such base fields when a search parameter picks another kind.
 */
final class FieldRules {

  /**
   * An object whose fields depend on a kind field.
   *
   * @param path the object's path, such as {@code optimizer.schedule}
   * @param kindField the field that picks the kind, such as {@code type}
   */
  record Kinded(String path, String kindField) {

    String kindPath() {
      return path + "." + kindField;
    }

    /** The kinds, from the schema's enum: the single list of them. */
    List<String> kinds() {
      List<String> out = new ArrayList<>();
      SpecSchema.at(segments(kindPath())).get("enum").forEach(n -> out.add(n.asText()));
      return out;
    }

    /** The kind a document leaves out: the schema's default; null when the kind is required. */
    String defaultKind() {
      JsonNode d = SpecSchema.at(segments(kindPath())).get("default");
      return d == null ? null : d.asText();
    }

    /** The kinds {@code field} applies to. */
    List<String> kindsUsing(String field) {
      return switch (path) {
        case "model" -> MODEL_FAMILY.containsKey(field) ? List.of(MODEL_FAMILY.get(field)) : kinds();
        case "optimizer" -> OptimizerSpec.typesUsing(field).stream()
            .sorted()
            .map(t -> SpecJson.MAPPER.convertValue(t, String.class))
            .toList();
        case "optimizer.schedule" -> SCHEDULE_TYPES.getOrDefault(field, kinds());
        case "search.earlyStopping" -> EARLY_STOPPING_TYPES.getOrDefault(field, kinds());
        default -> throw new IllegalStateException(path);
      };
    }

    /** The fields the kind object can have, from the schema. */
    List<String> fields() {
      return SpecSchema.fieldNames(SpecSchema.at(segments(path)));
    }
  }

  static final List<Kinded> KINDED =
      List.of(new Kinded("model", "family"), new Kinded("optimizer", "type"), new Kinded("optimizer.schedule", "type"),
          new Kinded("search.earlyStopping", "type"));

  /** Model fields of one family; the rest (activation, dropout, batchNorm) serve both. */
  private static final Map<String, String> MODEL_FAMILY = Map.of(
      "hiddenLayers", "mlp", "depth", "mlp", "width", "mlp",
      "convBlocks", "cnn", "channels", "cnn", "kernel", "cnn", "pooling", "cnn", "dense", "cnn");

  /** Schedule fields of some types; {@code type} serves all. */
  private static final Map<String, List<String>> SCHEDULE_TYPES = Map.of(
      "stepEpochs", List.of("step"),
      "gamma", List.of("step"),
      "warmupEpochs", List.of("warmup_cosine"),
      "minLearningRate", List.of("cosine", "warmup_cosine"));

  /** Early-stopping options of some types; {@code type} and {@code minEpochs} serve all. */
  private static final Map<String, List<String>> EARLY_STOPPING_TYPES = Map.of(
      "reductionFactor", List.of("asha", "hyperband"),
      "gracePeriod", List.of("asha", "hyperband"),
      "minTrials", List.of("median"));

  /** The two ways to give an MLP's hidden layers; a spec uses one. */
  static final List<String> MLP_LIST_FORM = List.of("hiddenLayers");
  static final List<String> MLP_GRID_FORM = List.of("depth", "width");

  private FieldRules() {}

  static List<Object> segments(String dotted) {
    return List.of((Object[]) dotted.split("\\."));
  }

  /**
   * The base fields (dotted paths) that setting {@code path} to {@code value} makes wrong and
   * so replaces: the other MLP structure form, or the fields that do not apply to a picked kind.
   */
  static List<String> displaced(String path, JsonNode value) {
    List<String> out = new ArrayList<>();
    if (path.startsWith("model.")) {
      String field = path.substring("model.".length());
      if (MLP_LIST_FORM.contains(field)) {
        MLP_GRID_FORM.forEach(f -> out.add("model." + f));
      } else if (MLP_GRID_FORM.contains(field)) {
        MLP_LIST_FORM.forEach(f -> out.add("model." + f));
      }
    }
    for (Kinded k : KINDED) {
      if (k.kindPath().equals(path) && value != null && value.isTextual()) {
        for (String f : k.fields()) {
          if (!k.kindsUsing(f).contains(value.asText())) {
            out.add(k.path() + "." + f);
          }
        }
      }
    }
    return out;
  }
}
