package dev.modelsweep.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelsweep.model.ModelReference;
import dev.modelsweep.spec.Problems;
import java.util.List;
import java.util.Map;

/**
 * What a kind of stage does: the fields it takes, what its output is, checks of its own, and how
 * the pipeline workflow runs it. One implementation per operator, registered in {@link Operators}
 * (and named in the schema's {@code operator} enum); nothing else changes to add one.
 */
public interface Operator {

  /** What a stage's references are, and so whether other stages may train from them. */
  enum Output {
    /** Trained models, best first: other stages may refer to them as models. */
    MODELS,
    /** Measurements of models trained elsewhere: nothing to train from. */
    EVALUATIONS
  }

  /**
   * What a stage of this operator looks like.
   *
   * @param name the operator's name, as written in {@code operator}
   * @param output what its stages' references are
   * @param fields the fields it takes beside {@code id}, {@code operator} and {@code dependsOn}
   * @param required the fields among {@code fields} that a stage must give, each with what to give
   */
  record Form(String name, Output output, List<String> fields, Map<String, String> required) {}

  Form form();

  /**
   * Whether this operator's model references may name stages whose output is {@link
   * Output#EVALUATIONS}: true for operators that only judge or record models (gate, promote), so
   * that they can take the fresh measurements of an {@code evaluate} stage; false for those that
   * train from them.
   */
  default boolean takesMeasurements() {
    return false;
  }

  /**
   * Checks of this operator's own, run on a stage that has the right fields and a valid spec.
   *
   * @param path the stage's JSON path, such as {@code $.stages[2]}
   */
  default void check(StageSpec stage, String path, Problems problems) {}

  /**
   * Writes the stage's own fields into its embedded sweep spec (a copy, before the spec is
   * validated), for operators whose fields are spec sections: {@code distill} puts {@code teacher},
   * {@code temperature} and {@code alpha} into the spec's {@code distill} section, so they are
   * checked, searched and trained as any sweep's are.
   */
  default void complete(StageSpec stage, ObjectNode spec) {}

  /**
   * Runs a stage in workflow code: deterministic, with activities and child workflows for the
   * work. Returns the stage's output, best first.
   *
   * @throws io.temporal.failure.TemporalFailure when the stage fails; its innermost message is
   *     the stage's reason
   */
  List<ModelReference> run(StageRun run);
}
