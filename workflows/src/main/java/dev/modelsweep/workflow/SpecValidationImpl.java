package dev.modelsweep.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelsweep.spec.SpecException;
import dev.modelsweep.spec.SpecParser;

/** See {@link SpecValidation}. Pure Java; it reads nothing but its argument. */
final class SpecValidationImpl implements SpecValidation {

  @Override
  public ValidatedSpec validate(JsonNode json) {
    try {
      return new ValidatedSpec(SpecParser.parse(json), null);
    } catch (SpecException e) {
      return new ValidatedSpec(null, e.getMessage());
    } catch (RuntimeException e) {
      // Validation should report every bad input as a SpecException; should one slip through,
      // fail the sweep with it rather than retry forever.
      return new ValidatedSpec(null,
          "spec: cannot be read (" + e + "); check it against docs/sweep-spec.schema.json");
    }
  }
}
