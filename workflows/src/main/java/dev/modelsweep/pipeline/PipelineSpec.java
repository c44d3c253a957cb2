package dev.modelsweep.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A pipeline, as a user writes it (see {@code docs/pipeline.schema.json}); {@link PipelineParser}
 * validates one and fills in each embedded spec's name and seed.
 *
 * @param name pipeline name, used in ids and folder names
 * @param seed seed of every embedded sweep spec that sets none; default 0
 * @param stages the stages, in document order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PipelineSpec(String name, Long seed, List<StageSpec> stages) {

  /** The seed, 0 when the document leaves it out. */
  public long seedOrDefault() {
    return seed == null ? 0L : seed;
  }

  /** The stage with this id; there is exactly one in a parsed pipeline. */
  public StageSpec stage(String id) {
    return stages.stream().filter(s -> s.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no stage " + id));
  }
}
