package dev.modelsweep.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Parses and validates a sweep's input, as a local activity of the sweep: it runs on the workflow
 * worker, off the workflow thread (a huge grid may take seconds to check on a loaded machine, past
 * the SDK's 1 s deadlock budget for workflow code), and its result is recorded in history as a
 * marker, so a replay reads it back and never validates again. Registered by {@link
 * WorkflowRegistration#register}.
 */
@ActivityInterface
public interface SpecValidation {

  /**
   * The spec, or every problem with its JSON path and fix. Never throws for a bad input: a bad
   * input is an answer, recorded like a good one.
   */
  @ActivityMethod(name = "ValidateSpec")
  ValidatedSpec validate(JsonNode json);
}
