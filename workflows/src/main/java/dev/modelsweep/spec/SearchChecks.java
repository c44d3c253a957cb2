package dev.modelsweep.spec;

import dev.modelsweep.trial.Metrics;
import java.util.List;

/**
 * Semantic rules of {@code search} beyond its space ({@link SpaceChecks}) that the schema cannot
 * say: early stopping needs an objective that training changes, and a first rung that comes
 * before the last epoch. Which options apply to which early-stopping type is in {@link
 * FieldRules}.
 */
final class SearchChecks {

  /** Objective metrics measured after every epoch, which early stopping compares trials by. */
  static final List<String> PER_EPOCH = List.of(Metrics.VAL_ACCURACY, Metrics.VAL_LOSS, Metrics.TRAIN_LOSS);

  private SearchChecks() {}

  static void check(SweepSpec spec, Problems out) {
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
}
