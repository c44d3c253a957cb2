package dev.modelsweep.pipeline;

import dev.modelsweep.spec.DocumentSchema;
import dev.modelsweep.spec.Problems;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks of a pipeline as a graph of stages: ids are unique; every {@code dependsOn} entry
 * and model reference names another stage; a model reference names a stage whose operator
 * produces models; and no stage waits for itself, directly or through others.
 */
final class StageGraph {

  private StageGraph() {}

  static void check(PipelineSpec pipeline, Problems problems) {
    Map<String, Integer> index = new LinkedHashMap<>();
    List<StageSpec> stages = pipeline.stages();
    for (int i = 0; i < stages.size(); i++) {
      String id = stages.get(i).id();
      Integer first = index.putIfAbsent(id, i);
      if (first != null) {
        problems.add(path(i) + ".id", "duplicate stage id \"" + id + "\" (also " + path(first)
            + ".id); give each stage its own id");
      }
    }
    for (int i = 0; i < stages.size(); i++) {
      StageSpec stage = stages.get(i);
      List<String> dependsOn = stage.dependsOn() == null ? List.of() : stage.dependsOn();
      for (int j = 0; j < dependsOn.size(); j++) {
        known(stage, dependsOn.get(j), path(i) + ".dependsOn[" + j + "]", index, problems);
      }
      for (Map.Entry<String, StageReference> ref : stage.references().entrySet()) {
        String at = path(i) + "." + ref.getKey();
        String target = ref.getValue().stage();
        if (known(stage, target, at, index, problems)) {
          StageSpec producer = stages.get(index.get(target));
          if (Operators.of(producer).form().output() != Operator.Output.MODELS && !Operators.of(stage).takesMeasurements()) {
            problems.add(at, "stage " + target + " (operator " + producer.operator() + ") measures"
                + " models and trains none; refer to the stage that trained them");
          }
        }
      }
    }
    cycles(stages, index, problems);
  }

  /** Whether {@code target} is another stage; adds a problem at {@code at} if not. */
  private static boolean known(StageSpec stage, String target, String at, Map<String, Integer> index, Problems problems) {
    if (target.equals(stage.id())) {
      problems.add(at, "stage " + stage.id() + " cannot depend on itself; remove this reference");
      return false;
    }
    if (!index.containsKey(target)) {
      List<String> ids = new ArrayList<>(index.keySet());
      String hint = DocumentSchema.closest(target, ids);
      problems.add(at, "no stage \"" + target + "\"; "
          + (hint == null ? "stages: " : "did you mean \"" + hint + "\"? Stages: ") + String.join(", ", ids));
      return false;
    }
    return true;
  }

  /** Reports each cycle once, at the first of its stages in document order. */
  private static void cycles(List<StageSpec> stages, Map<String, Integer> index, Problems problems) {
    Map<String, List<String>> edges = new HashMap<>();
    for (StageSpec s : stages) {
      edges.putIfAbsent(s.id(), s.dependencies().stream()
          .filter(d -> index.containsKey(d) && !d.equals(s.id())).toList());
    }
    Set<String> done = new HashSet<>();
    Set<Set<String>> reported = new HashSet<>();
    for (StageSpec s : stages) {
      walk(s.id(), new ArrayList<>(), edges, done, reported, index, problems);
    }
  }

  private static void walk(String id, List<String> stack, Map<String, List<String>> edges, Set<String> done,
      Set<Set<String>> reported, Map<String, Integer> index, Problems problems) {
    int onStack = stack.indexOf(id);
    if (onStack >= 0) {
      List<String> cycle = new ArrayList<>(stack.subList(onStack, stack.size()));
      if (reported.add(new TreeSet<>(cycle))) {
        String first = cycle.stream().min((a, b) -> Integer.compare(index.get(a), index.get(b))).orElseThrow();
        int at = cycle.indexOf(first);
        List<String> ordered = new ArrayList<>(cycle.subList(at, cycle.size()));
        ordered.addAll(cycle.subList(0, at));
        ordered.add(first);
        problems.add(path(index.get(first)), "stages " + String.join(" -> ", ordered)
            + " wait for each other in a cycle (-> reads \"depends on\"); remove one of these dependencies");
      }
      return;
    }
    if (done.contains(id)) {
      return;
    }
    stack.add(id);
    for (String next : edges.getOrDefault(id, List.of())) {
      walk(next, stack, edges, done, reported, index, problems);
    }
    stack.remove(stack.size() - 1);
    done.add(id);
  }

  private static String path(int i) {
    return Problems.index(Problems.field(Problems.ROOT, "stages"), i);
  }
}
