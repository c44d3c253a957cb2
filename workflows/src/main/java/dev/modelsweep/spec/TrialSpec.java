package dev.modelsweep.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sections of a sweep's spec that a trial trains with, its parameter values applied: what
 * {@link dev.modelsweep.trial.TrialConfigs} builds a trial's configuration from.
 *
 * <p>Each value is written at its path ({@code model.width}, {@code optimizer.schedule.gamma})
 * into the JSON form of the base model, training and optimizer, which is then read back into the
 * records; so any field can be searched with no per-field code. A value that picks a structure
 * replaces the base fields it conflicts with, so one base serves every value of a search:
 *
 * <ul>
 *   <li>{@code model.depth} or {@code model.width} drops a base {@code model.hiddenLayers}, and
 *       {@code model.hiddenLayers} drops a base {@code depth} and {@code width};
 *   <li>{@code model.family}, {@code optimizer.type} and {@code optimizer.schedule.type} drop the
 *       base fields that do not apply to the picked family or type (a base {@code beta1} is kept
 *       for adam trials and dropped for sgd ones).
 * </ul>
 *
 * <p>Only base fields are dropped, never another parameter's value. A {@code null} value (a
 * choice may list one) removes the field, so the trial takes its default. Pure and
 * deterministic: safe in workflow code.
 */
public record TrialSpec(
    ModelSpec model, TrainingSpec training, OptimizerSpec optimizer, FinetuneSpec finetune, DistillSpec distill) {

  /**
   * {@code spec}'s sections with {@code params} applied.
   *
   * @param spec a spec that {@link SpecParser} accepted
   * @param params the trial's values by path, as a {@link dev.modelsweep.search.Sampler} suggests them
   * @throws IllegalArgumentException if a path is not a searchable field or a value does not fit
   */
  public static TrialSpec of(SweepSpec spec, Map<String, Object> params) {
    ObjectNode doc = SpecJson.MAPPER.createObjectNode();
    doc.set("model", tree(spec.model()));
    doc.set("training", tree(spec.training()));
    doc.set("optimizer", tree(spec.optimizer()));
    doc.set("finetune", tree(spec.finetune()));
    doc.set("distill", tree(spec.distill()));
    Map<String, JsonNode> values = new LinkedHashMap<>();
    params.forEach((path, value) -> {
      if (SpecSchema.settableField(path) == null) {
        throw new IllegalArgumentException("not a searchable field: " + path
            + "; searchable: " + String.join(", ", SpecSchema.settablePaths()));
      }
      values.put(path, ParamValues.toJson(value));
    });
    apply(doc, values);
    return new TrialSpec(
        bind(doc, "model", ModelSpec.class),
        bind(doc, "training", TrainingSpec.class),
        bind(doc, "optimizer", OptimizerSpec.class),
        bindSection(doc, "finetune", FinetuneSpec.class),
        bindSection(doc, "distill", DistillSpec.class));
  }

  /** Writes {@code values} (by dotted path) into {@code doc}, first dropping the base fields they displace. */
  static void apply(ObjectNode doc, Map<String, JsonNode> values) {
    values.forEach((path, value) -> {
      for (String displaced : FieldRules.displaced(path, value)) {
        if (!values.containsKey(displaced)) {
          remove(doc, displaced);
        }
      }
    });
    values.forEach((path, value) -> {
      if (value == null || value.isNull()) {
        remove(doc, path);
      } else {
        set(doc, path, value);
      }
    });
  }

  private static void set(ObjectNode doc, String path, JsonNode value) {
    List<Object> segments = FieldRules.segments(path);
    ObjectNode node = doc;
    for (Object s : segments.subList(0, segments.size() - 1)) {
      JsonNode next = node.get((String) s);
      node = next instanceof ObjectNode o ? o : node.putObject((String) s);
    }
    node.set((String) segments.get(segments.size() - 1), value);
  }

  private static void remove(ObjectNode doc, String path) {
    List<Object> segments = FieldRules.segments(path);
    JsonNode parent = SpecSchema.nodeAt(doc, segments.subList(0, segments.size() - 1));
    if (parent instanceof ObjectNode o) {
      o.remove((String) segments.get(segments.size() - 1));
    }
  }

  private static ObjectNode tree(Object record) {
    return record == null ? SpecJson.MAPPER.createObjectNode() : SpecJson.MAPPER.valueToTree(record);
  }

  /** An optional section: null when neither the spec nor a parameter sets any of its fields. */
  private static <T> T bindSection(ObjectNode doc, String section, Class<T> type) {
    return doc.get(section).isEmpty() ? null : bind(doc, section, type);
  }

  private static <T> T bind(ObjectNode doc, String section, Class<T> type) {
    try {
      return SpecJson.MAPPER.treeToValue(doc.get(section), type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("trial values do not fit " + section + ": " + e.getOriginalMessage(), e);
    }
  }
}
