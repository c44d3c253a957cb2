package dev.modelsweep.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelsweep.pipeline.PipelineParser;
import dev.modelsweep.pipeline.PipelineSpec;
import dev.modelsweep.pipeline.StageSpec;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A document file that may be a pipeline: {@code dev} and {@code start} take either kind and tell
 * them apart by the document ({@code stages}), validating a pipeline here before anything starts.
 */
final class PipelineFile {

  private PipelineFile() {}

  /**
   * The pipeline in {@code file}, or empty when the file holds a sweep spec.
   *
   * @throws dev.modelsweep.spec.SpecException listing every problem of a malformed pipeline
   */
  static Optional<PipelineSpec> read(Path file) {
    JsonNode json = SpecFile.tree(file);
    return PipelineParser.isPipeline(json) ? Optional.of(PipelineParser.parse(json)) : Optional.empty();
  }

  /**
   * {@link #read}, with the relative data paths of every embedded spec resolved against the file's
   * folder, as {@code dev} does for a sweep spec ({@link SpecFile#readLocal}).
   */
  static Optional<PipelineSpec> readLocal(Path file) {
    Path folder = file.toAbsolutePath().normalize().getParent();
    return read(file).map(pipeline -> new PipelineSpec(pipeline.name(), pipeline.seed(),
        pipeline.stages().stream().map(stage -> local(stage, folder)).toList()));
  }

  private static StageSpec local(StageSpec stage, Path folder) {
    return stage.spec() == null ? stage : stage.withSpec(SpecFile.local(stage.spec(), folder));
  }
}
