package dev.modelsweep.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.modelsweep.spec.SweepSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stage of a pipeline, as written: its id, its operator and the operator's fields. Which
 * fields an operator takes, and which it needs, is the operator's to say ({@link Operator}); the
 * others are null. See {@code docs/pipeline.schema.json} for each field and its default.
 *
 * @param dependsOn stages named explicitly; {@link #dependencies()} adds those that model
 *     references name
 * @param spec the embedded sweep spec, validated, with its name and seed filled in
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StageSpec(
    String id,
    String operator,
    List<String> dependsOn,
    SweepSpec spec,
    List<String> models,
    String source,
    Integer keepLayers,
    Boolean freeze,
    Double bodyLearningRateScale,
    String teacher,
    Double temperature,
    Double alpha) {

  /** The same stage with {@code replaced} as its sweep spec. */
  public StageSpec withSpec(SweepSpec replaced) {
    return new StageSpec(id, operator, dependsOn, replaced, models, source, keepLayers, freeze,
        bodyLearningRateScale, teacher, temperature, alpha);
  }

  /**
   * The model references of this stage by the relative JSON path of the field that holds each
   * ({@code models[1]}, {@code teacher}), in field order. Every one is well formed in a parsed
   * pipeline.
   */
  @JsonIgnore
  public Map<String, StageReference> references() {
    Map<String, StageReference> out = new LinkedHashMap<>();
    if (models != null) {
      for (int i = 0; i < models.size(); i++) {
        int index = i;
        StageReference.parse(models.get(i)).ifPresent(r -> out.put("models[" + index + "]", r));
      }
    }
    StageReference.parse(source).ifPresent(r -> out.put("source", r));
    StageReference.parse(teacher).ifPresent(r -> out.put("teacher", r));
    // A sweep stage may hold them in its spec's sections; a finetune or distill stage's own field
    // was copied there, and is reported once, under its own name.
    if (source == null && spec != null && spec.finetune() != null) {
      StageReference.parse(spec.finetune().source()).ifPresent(r -> out.put("spec.finetune.source", r));
    }
    if (teacher == null && spec != null && spec.distill() != null) {
      StageReference.parse(spec.distill().teacher()).ifPresent(r -> out.put("spec.distill.teacher", r));
    }
    return out;
  }

  /** Stages that must complete first: {@code dependsOn} and every referenced stage, once each, in that order. */
  @JsonIgnore
  public List<String> dependencies() {
    List<String> out = new ArrayList<>(dependsOn == null ? List.of() : dependsOn);
    for (StageReference r : references().values()) {
      if (!out.contains(r.stage())) {
        out.add(r.stage());
      }
    }
    return out;
  }
}
