package dev.modelsweep.pipeline;

import com.fasterxml.jackson.databind.JsonNode;

/** See {@link PipelineValidation}. Pure Java; it reads nothing but its argument. */
public final class PipelineValidationImpl implements PipelineValidation {

  @Override
  public Validated validate(JsonNode document) {
    return Validated.of(document);
  }
}
