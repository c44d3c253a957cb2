package dev.modelsweep.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Semantic rules of {@code search} beyond its space ({@link SpaceChecks}) and of {@code
 * objective} that the schema cannot say: early stopping needs an objective that training changes,
 * and a first rung that comes before the last epoch; objectives are given one way and each once.
 * Which options apply to which early-stopping type is in {@link FieldRules}.
 */
final class SearchChecks {

  /** Objective metrics measured after every epoch, which early stopping compares trials by. */
  static final List<String> PER_EPOCH = List.of(Metrics.VAL_ACCURACY, Metrics.VAL_LOSS, Metrics.TRAIN_LOSS);

  private SearchChecks() {}

  static void check(SweepSpec spec, Problems out) {
    objectives(spec.objectiveOrDefault(), out);
    EarlyStoppingSpec stopping = spec.searchOrDefault().earlyStopping();
    if (stopping == null) {
      return;
    }
    String metric = spec.objectiveOrDefault().metricOrDefault();
    if (!PER_EPOCH.contains(metric)) {
      out.add("$.search.earlyStopping", "compares trials by a metric measured after every epoch, but "
          + "objective.metric is " + metric + ", which training does not change; rank by "
          + String.join(", ", PER_EPOCH) + ", or remove earlyStopping");
    }
    int epochs = spec.trainingOrDefault().epochsOrDefault();
    if (stopping.minEpochsOrDefault() >= epochs) {
      out.add("$.search.earlyStopping.minEpochs", stopping.minEpochsOrDefault() + " is not below training.epochs "
          + epochs + ", so no trial could be stopped; lower minEpochs or raise training.epochs");
    }
  }

  private static void objectives(ObjectiveSpec objective, Problems out) {
    if (objective.metrics() == null) {
      return;
    }
    if (objective.metric() != null || objective.direction() != null) {
      out.add("$.objective.metrics", "cannot be combined with objective.metric or objective.direction; list every "
          + "objective in metrics, or give metric alone");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < objective.metrics().size(); i++) {
      String name = objective.metrics().get(i).name();
      if (!seen.add(name)) {
        out.add(Problems.index("$.objective.metrics", i) + ".name", name + " is listed twice; list each metric once");
      }
    }
  }
}
