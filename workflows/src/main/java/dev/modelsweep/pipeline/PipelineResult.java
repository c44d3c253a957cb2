package dev.modelsweep.pipeline;

import java.util.List;

/**
 * What a finished pipeline returns; also the details of the failure of a pipeline in which a
 * stage failed, so that the completed stages' outputs are never lost.
 *
 * @param pipelineId the pipeline (workflow) id
 * @param stages every stage in document order
 */
public record PipelineResult(String pipelineId, String name, List<StageState> stages) {

  /** The stages that failed, in document order. */
  public List<StageState> failed() {
    return stages.stream().filter(s -> s.status() == StageStatus.FAILED).toList();
  }
}
