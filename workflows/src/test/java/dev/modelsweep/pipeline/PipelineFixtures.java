package dev.modelsweep.pipeline;

/**
 * Pipeline documents for tests: a valid one and one of each malformed kind, shared with the
 * worker's tests (CLI exit codes, raw-JSON starts) through the test-jar.
 */
public final class PipelineFixtures {

  /** A small valid sweep spec body (no name: the stage id is used). */
  public static final String IRIS_SPEC =
      """
      {"dataset": "iris", "model": {"family": "mlp", "hiddenLayers": [8]},
       "training": {"epochs": 15, "batchSize": "full"},
       "optimizer": {"type": "adam", "learningRate": 0.05}}""";

  /** sweep (two trials) and train in parallel, then evaluate of both. */
  public static final String VALID =
      """
      {"name": "iris-pipe", "seed": 5, "stages": [
        {"id": "search", "operator": "sweep", "spec": %s},
        {"id": "base", "operator": "train", "spec": %s},
        {"id": "test", "operator": "evaluate", "models": ["stage:search#2", "stage:base"]}]}
      """.formatted(
          IRIS_SPEC.replace("\"optimizer\"", "\"search\": {\"strategy\": \"grid\", \"space\": "
              + "{\"model.width\": {\"type\": \"choice\", \"values\": [4, 8]}}}, \"optimizer\""),
          IRIS_SPEC);

  /**
   * train, evaluate, gate (with {@code gateFields} as the gate's extra fields, such as {@code ,
   * "maxParams": 10}), promote to iris@production.
   */
  public static String gated(String name, String gateFields) {
    return """
        {"name": "%s", "seed": 5, "stages": [
          {"id": "train", "operator": "train", "spec": %s},
          {"id": "test", "operator": "evaluate", "models": ["stage:train"]},
          {"id": "gate", "operator": "gate", "models": ["stage:test"], "target": "iris@production"%s},
          {"id": "promote", "operator": "promote", "models": ["stage:gate"], "target": "iris@production"}]}
        """.formatted(name, IRIS_SPEC, gateFields);
  }

  /** a depends on b, b on a. */
  public static final String CYCLE =
      """
      {"name": "cycle", "stages": [
        {"id": "a", "operator": "train", "spec": %s, "dependsOn": ["b"]},
        {"id": "b", "operator": "evaluate", "models": ["stage:a"], "dependsOn": ["a"]},
        {"id": "c", "operator": "train", "spec": %s, "dependsOn": ["a"]}]}
      """.formatted(IRIS_SPEC, IRIS_SPEC);

  /** evaluate of a stage that does not exist. */
  public static final String UNKNOWN_STAGE =
      """
      {"name": "unknown", "stages": [
        {"id": "teacher", "operator": "train", "spec": %s},
        {"id": "test", "operator": "evaluate", "models": ["stage:teachr"]}]}
      """.formatted(IRIS_SPEC);

  /** distill without its teacher. */
  public static final String MISSING_TEACHER =
      """
      {"name": "noteacher", "stages": [
        {"id": "teacher", "operator": "train", "spec": %s},
        {"id": "student", "operator": "distill", "spec": %s, "temperature": 4}]}
      """.formatted(IRIS_SPEC, IRIS_SPEC);

  /** temperature given as a string, and stages as an object in one stage's dependsOn. */
  public static final String WRONG_TYPE =
      """
      {"name": "wrongtype", "stages": [
        {"id": "teacher", "operator": "train", "spec": %s},
        {"id": "student", "operator": "distill", "spec": %s, "teacher": "stage:teacher",
         "temperature": "hot"}]}
      """.formatted(IRIS_SPEC, IRIS_SPEC);

  private PipelineFixtures() {}
}
