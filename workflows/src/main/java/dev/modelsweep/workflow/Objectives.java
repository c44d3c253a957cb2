package dev.modelsweep.workflow;

import dev.modelsweep.search.Observation;
import dev.modelsweep.spec.Metrics;
import dev.modelsweep.spec.ObjectiveMetric;
import dev.modelsweep.spec.ObjectiveSpec;
import dev.modelsweep.trial.EpochMetrics;
import dev.modelsweep.trial.TrialResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The objective as the search sees it: a loss, lower is better, a maximized metric negated. One
 * place turns trial results and epoch reports into that form, so samplers and early stopping
 * agree on what "better" means.
 */
public final class Objectives {

  private Objectives() {}

  /** {@code value} of the objective metric, oriented so that lower is better. */
  static double loss(double value, ObjectiveSpec objective) {
    return objective.directionOrDefault() == ObjectiveSpec.Direction.MAXIMIZE ? -value : value;
  }

  /**
   * The objective after one epoch; the parser admits early stopping only for the metrics an epoch
   * measures.
   */
  static double loss(EpochMetrics epoch, ObjectiveSpec objective) {
    String metric = objective.metricOrDefault();
    double value = switch (metric) {
      case Metrics.VAL_ACCURACY -> epoch.valAccuracy();
      case Metrics.VAL_LOSS -> epoch.valLoss();
      case Metrics.TRAIN_LOSS -> epoch.trainLoss();
      default -> throw new IllegalArgumentException(metric + " is not measured after each epoch");
    };
    return loss(value, objective);
  }

  /** The trial's objectives as losses, in the order the spec lists them; empty when one is missing (it failed). */
  static List<Double> losses(TrialResult trial, ObjectiveSpec objective) {
    List<Double> losses = new ArrayList<>();
    for (ObjectiveMetric m : objective.metricsOrDefault()) {
      Double value = trial.metric(m.name());
      if (trial.status() == TrialResult.Status.FAILED || value == null || value.isNaN()) {
        return List.of();
      }
      losses.add(m.directionOrDefault() == ObjectiveSpec.Direction.MAXIMIZE ? -value : value);
    }
    return losses;
  }

  /** What the sampler learns from an ended trial; no losses when it failed. */
  public static Observation observation(TrialResult trial, ObjectiveSpec objective) {
    return new Observation(trial.index(), trial.params(), losses(trial, objective), epochs(trial, 0),
        trial.status() != TrialResult.Status.INFEASIBLE);
  }

  /** Epochs the trial trained, or {@code otherwise} when it failed before reporting any. */
  static int epochs(TrialResult trial, int otherwise) {
    Double epochs = trial.metric(Metrics.EPOCHS);
    return epochs == null ? otherwise : epochs.intValue();
  }
}
