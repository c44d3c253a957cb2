package dev.modelsweep.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Parses and validates a pipeline document, as a local activity of {@link PipelineWorkflow}: it
 * runs on the workflow worker, off the workflow thread (a document of many embedded sweeps may take
 * longer to check than the SDK allows workflow code on a loaded machine), and its answer is
 * recorded in history as a marker, so a replay reads it back and never validates again.
 * Registered with the workflows by {@code WorkflowRegistration.register}.
 */
@ActivityInterface
public interface PipelineValidation {

  /**
   * The pipeline, or every problem with its JSON path and fix. Never throws for a bad document: a
   * bad document is an answer, recorded like a good one.
   */
  @ActivityMethod(name = "ValidatePipeline")
  Validated validate(JsonNode document);
}
