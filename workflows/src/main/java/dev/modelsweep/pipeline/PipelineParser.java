package dev.modelsweep.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelsweep.spec.DocumentSchema;
import dev.modelsweep.spec.Problems;
import dev.modelsweep.spec.SpecException;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SpecProblem;
import dev.modelsweep.spec.SweepSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads and validates pipeline documents, reporting every problem at once with its JSON path, in
 * the sweep spec's three steps ({@link SpecParser}):
 *
 * <ol>
 *   <li>structure: the JSON Schema {@code pipeline.schema.json} (types, required fields, enums,
 *       unknown fields);
 *   <li>binding into {@link PipelineSpec};
 *   <li>meaning: each stage has the fields its {@link Operator} takes and needs, each embedded
 *       sweep spec passes the sweep spec's own validation (its problems reported under {@code
 *       $.stages[i].spec}), and the stages form a graph ({@link StageGraph}: unique ids, known
 *       stages, references to stages that produce models, no cycle).
 * </ol>
 *
 * <p>An embedded spec may leave out {@code name} (the stage id is used) and {@code seed} (the
 * pipeline's is used); the parsed pipeline has both filled in. Pure and deterministic.
 */
public final class PipelineParser {

  static final String RESOURCE = "/dev/modelsweep/pipeline/pipeline.schema.json";

  /** Fields every stage has, whatever its operator. */
  private static final List<String> COMMON_FIELDS = List.of("id", "operator", "dependsOn");

  private static final DocumentSchema SCHEMA = DocumentSchema.load(RESOURCE);

  private PipelineParser() {}

  /**
   * Parses JSON text.
   *
   * @throws SpecException listing every problem
   */
  public static PipelineSpec parse(String json) {
    return parse(SpecParser.readTree(json));
  }

  /**
   * Validates and binds a JSON tree.
   *
   * @throws SpecException listing every problem
   */
  public static PipelineSpec parse(JsonNode json) {
    if (json == null || json.isMissingNode()) {
      throw new SpecException(List.of(new SpecProblem(Problems.ROOT, "empty document; a pipeline is a JSON object")));
    }
    Problems problems = new Problems();
    SCHEMA.validate(json, problems);
    problems.throwIfAny();
    PipelineSpec bound = SpecParser.bind(withoutSpecs(json), PipelineSpec.class);
    List<StageSpec> stages = new ArrayList<>();
    for (int i = 0; i < bound.stages().size(); i++) {
      stages.add(checkStage(bound, i, json.get("stages").get(i), problems));
    }
    PipelineSpec pipeline = new PipelineSpec(bound.name(), bound.seed(), List.copyOf(stages));
    StageGraph.check(pipeline, problems);
    problems.throwIfAny();
    return pipeline;
  }

  /** Whether a JSON document is a pipeline rather than a sweep spec: it has {@code stages}. */
  public static boolean isPipeline(JsonNode json) {
    return json != null && json.isObject() && json.has("stages");
  }

  /** The JSON form of a pipeline; {@link #parse(JsonNode)} of it gives an equal pipeline. */
  public static JsonNode toJson(PipelineSpec pipeline) {
    return SpecParser.mapper().valueToTree(pipeline);
  }

  /** The document with each stage's spec removed: specs are validated and bound on their own. */
  private static JsonNode withoutSpecs(JsonNode json) {
    ObjectNode copy = json.deepCopy();
    copy.get("stages").forEach(stage -> ((ObjectNode) stage).remove("spec"));
    return copy;
  }

  private static StageSpec checkStage(PipelineSpec pipeline, int index, JsonNode json, Problems problems) {
    StageSpec stage = pipeline.stages().get(index);
    String path = Problems.index(Problems.field(Problems.ROOT, "stages"), index);
    Operator operator = Operators.of(stage);
    Operator.Form form = operator.form();
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!COMMON_FIELDS.contains(field) && !form.fields().contains(field)) {
        problems.add(Problems.field(path, field), "not a field of operator " + form.name()
            + "; " + form.name() + " takes " + String.join(", ", form.fields()));
      }
    }
    // In the order of the operator's fields: the required map has none.
    for (String field : form.fields()) {
      if (form.required().containsKey(field) && !json.has(field)) {
        problems.add(Problems.field(path, field),
            "required by operator " + form.name() + "; give " + form.required().get(field));
      }
    }
    if (!json.has("spec") || !form.fields().contains("spec")) {
      return stage;
    }
    SweepSpec spec = embeddedSpec(pipeline, stage, (ObjectNode) json.get("spec"), path + ".spec", problems);
    if (spec == null) {
      return stage;
    }
    StageSpec checked = stage.withSpec(spec);
    operator.check(checked, path, problems);
    return checked;
  }

  /** The stage's sweep spec with name and seed filled in, or null when it is invalid (problems added). */
  private static SweepSpec embeddedSpec(
      PipelineSpec pipeline, StageSpec stage, ObjectNode written, String path, Problems problems) {
    ObjectNode spec = written.deepCopy();
    if (!spec.has("name")) {
      spec.put("name", stage.id());
    }
    if (!spec.has("seed") && pipeline.seed() != null) {
      spec.put("seed", pipeline.seed());
    }
    Operators.of(stage).complete(stage, spec);
    try {
      return SpecParser.parse(spec);
    } catch (SpecException e) {
      for (SpecProblem p : e.problems()) {
        problems.add(path + p.path().substring(Problems.ROOT.length()), p.message());
      }
      return null;
    }
  }
}
