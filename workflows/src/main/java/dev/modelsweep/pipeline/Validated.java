package dev.modelsweep.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelsweep.spec.SpecException;
import dev.modelsweep.spec.SpecProblem;
import java.util.List;

/**
 * The outcome of validating a pipeline's input, recorded in workflow history once ({@link
 * PipelineValidation}; pipelines started before that validated in a side effect) so that a replay
 * reads it back instead of validating again with whatever code it runs.
 *
 * @param pipeline the parsed pipeline, or null when invalid
 * @param problems every problem, empty when valid
 */
public record Validated(PipelineSpec pipeline, List<SpecProblem> problems) {

  static Validated of(JsonNode document) {
    try {
      return new Validated(PipelineParser.parse(document), List.of());
    } catch (SpecException e) {
      return new Validated(null, e.problems());
    } catch (RuntimeException e) {
      // Validation should report every bad input as a SpecException; should one slip through,
      // fail the pipeline with it rather than retry this workflow task forever.
      return new Validated(null, List.of(new SpecProblem("$",
          "cannot be read (" + e + "); check it against docs/pipeline.schema.json")));
    }
  }
}
