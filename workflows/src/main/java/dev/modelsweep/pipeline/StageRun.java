package dev.modelsweep.pipeline;

import dev.modelsweep.activityapi.PipelineActivities;
import dev.modelsweep.activityapi.RegistryActivities;
import dev.modelsweep.model.ModelReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an {@link Operator} gets to run one stage.
 *
 * @param pipelineId the pipeline's workflow id; child workflow ids start with it
 * @param stage the stage
 * @param keep how many models later stages take from this one (the largest K of their {@code
 *     stage:ID#K} references, at least 1): a stage that finds many outputs this many
 * @param outputs the outputs of the completed stages, by stage id
 * @param activities stub of the pipeline activities
 * @param registry stub of the registry activities
 * @param board where a stage says what it decided and waits for a person
 */
public record StageRun(
    String pipelineId,
    StageSpec stage,
    int keep,
    Map<String, List<ModelReference>> outputs,
    PipelineActivities activities,
    RegistryActivities registry,
    StageBoard board) {

  /** The models a reference names: the first K of its stage's output (fewer if it has fewer). */
  public List<ModelReference> resolve(StageReference reference) {
    List<ModelReference> output = outputs.getOrDefault(reference.stage(), List.of());
    return List.copyOf(output.subList(0, Math.min(reference.count(), output.size())));
  }

  /** Every model the stage's {@code models} name, in order, each once. */
  public List<ModelReference> models() {
    List<ModelReference> out = new ArrayList<>();
    for (String text : stage.models()) {
      for (ModelReference m : resolve(StageReference.parse(text).orElseThrow())) {
        if (out.stream().noneMatch(seen -> seen.key().equals(m.key()))) {
          out.add(m);
        }
      }
    }
    return out;
  }

  /** Child workflow id of this stage: see {@link #childId(String, String)}. */
  public String childId() {
    return childId(pipelineId, stage.id());
  }

  /**
   * The promotion key of a {@code promote} stage, which makes its promotion idempotent: the
   * pipeline id, a slash, the stage id (as a child workflow id).
   */
  public static String promotionKey(String pipelineId, String stageId) {
    return childId(pipelineId, stageId);
  }

  /** Child workflow id of a stage that runs one (a sweep): the pipeline id, a slash, the stage id. */
  public static String childId(String pipelineId, String stageId) {
    return pipelineId + "/" + stageId;
  }
}
