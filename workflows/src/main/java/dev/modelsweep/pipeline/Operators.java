package dev.modelsweep.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The registry of operators: the one place that lists them. */
public final class Operators {

  private static final Map<String, Operator> ALL = index(
      new SweepOperator(),
      new TrainOperator(),
      new EvaluateOperator(),
      new FinetuneOperator(),
      new DistillOperator(),
      new GateOperator(),
      new PromoteOperator());

  private Operators() {}

  private static Map<String, Operator> index(Operator... operators) {
    Map<String, Operator> out = new LinkedHashMap<>();
    for (Operator o : operators) {
      out.put(o.form().name(), o);
    }
    return Map.copyOf(out);
  }

  /** The operator of this name, or empty. */
  public static Optional<Operator> find(String name) {
    return Optional.ofNullable(name == null ? null : ALL.get(name));
  }

  /** The operator of a parsed stage, whose name the parser checked. */
  static Operator of(StageSpec stage) {
    return find(stage.operator()).orElseThrow(
        () -> new IllegalArgumentException("unknown operator " + stage.operator()));
  }

  /** Every operator's name, sorted. */
  public static List<String> names() {
    return ALL.keySet().stream().sorted().toList();
  }
}
