package dev.modelsweep.pipeline;

import dev.modelsweep.model.ModelReference;
import java.util.List;

/**
 * A stage as the pipeline's query and result show it.
 *
 * @param dependsOn every stage it waits for: {@code dependsOn} and the referenced stages
 * @param reason why it failed, what a waiting gate waits for, or what a gate or promote stage
 *     decided (passed by itself, approved, the version promoted); else null
 * @param models its output, best first; empty until it completes
 */
public record StageState(
    String id,
    String operator,
    StageStatus status,
    String reason,
    List<String> dependsOn,
    List<ModelReference> models) {

  static StageState pending(StageSpec stage) {
    return new StageState(stage.id(), stage.operator(), StageStatus.PENDING, null, stage.dependencies(), List.of());
  }

  StageState running() {
    return new StageState(id, operator, StageStatus.RUNNING, null, dependsOn, List.of());
  }

  StageState completed(List<ModelReference> output, String note) {
    return new StageState(id, operator, StageStatus.COMPLETED, note, dependsOn, List.copyOf(output));
  }

  StageState waiting(String why) {
    return new StageState(id, operator, StageStatus.WAITING, why, dependsOn, List.of());
  }

  StageState failed(String why) {
    return new StageState(id, operator, StageStatus.FAILED, why, dependsOn, List.of());
  }

  /** The stage's best model, or null when it has none (yet). */
  public ModelReference best() {
    return models == null || models.isEmpty() ? null : models.get(0);
  }
}
