package dev.modelsweep.spec;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one configured {@link ObjectMapper} of the spec package; {@link SpecParser#mapper()} hands it out. */
final class SpecJson {

  /**
   * Strict on purpose: unknown fields, duplicate keys and trailing content are errors, because a
   * silently ignored typo in a sweep spec costs a whole sweep. Jackson mappers are thread-safe and
   * deterministic once configured, so workflow code can share this one.
   */
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private SpecJson() {}
}
