package dev.modelsweep.activityapi;

import dev.modelsweep.search.Observation;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.DatasetSummary;
import dev.modelsweep.trial.EvaluateRequest;
import dev.modelsweep.trial.Evaluation;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrainResult;
import dev.modelsweep.trial.TrialResult;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * The steps that touch data, models and files. They run on workers polling {@link #TASK_QUEUE},
 * each of which has a fixed number of training slots. Implementations live in the activities
 * module; nothing here pulls DJL.
 */
@ActivityInterface
public interface TrainingActivities {

  /** Task queue of training workers. */
  String TASK_QUEUE = "modelsweep-training";

  /**
   * Checks a sweep against the training worker's own rules, once, before any trial: the worker's
   * limits (trials, layers, width, epochs, rows; what a spec reaches is {@link
   * dev.modelsweep.spec.SpecReach}) and its data roots (files outside them are refused before they
   * are opened); then loads and splits the data set,
   * so that a missing file or a bad label column fails the sweep at once. It takes the whole spec
   * because the limits look at the model, training and search too. Non-retryable failure type:
   * {@code InvalidSpec}.
   */
  @ActivityMethod
  DatasetSummary describeDataset(SweepSpec spec);

  /**
   * Trains a trial to {@code untilEpoch}, resuming from its newest checkpoint. Heartbeats every
   * epoch with an {@link dev.modelsweep.trial.EpochMetrics} and writes a checkpoint every
   * {@code training.checkpointEvery} epochs. A diverged trial (NaN or infinite loss) fails with the
   * non-retryable type {@code Diverged}.
   */
  @ActivityMethod
  TrainResult train(TrainRequest request);

  /** Measures accuracy, loss, size and single-example latency of trained weights. */
  @ActivityMethod
  Evaluation evaluate(EvaluateRequest request);

  /**
   * The trials of the earlier sweeps that {@code search.warmStart} names, as observations for this
   * sweep's sampler (read as this sweep's objective ranks them; each keeps its index in its own
   * sweep). An entry is a sweep id, whose results lie under this worker's artifact root, or a
   * results folder inside that root. Non-retryable failure type {@code InvalidSpec}, naming {@code
   * $.search.warmStart[i]}, when an entry has no finished results or searched another space (the
   * first parameter that differs, by its path).
   */
  @ActivityMethod
  List<Observation> warmStart(SweepSpec spec);

  /**
   * Writes the sweep's results (one JSON per trial and the ranked leaderboard) into the sweep's
   * artifact folder and returns that folder's path.
   */
  @ActivityMethod
  String saveResults(String sweepId, String specJson, List<TrialResult> leaderboard);
}
