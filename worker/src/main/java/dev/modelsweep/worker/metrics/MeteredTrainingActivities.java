package dev.modelsweep.worker.metrics;

import com.uber.m3.tally.Scope;
import dev.modelsweep.activityapi.TrainingActivities;
import dev.modelsweep.search.Observation;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.DatasetSummary;
import dev.modelsweep.trial.EvaluateRequest;
import dev.modelsweep.trial.Evaluation;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrainResult;
import dev.modelsweep.trial.TrialResult;
import dev.modelsweep.workflow.SweepMetrics;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The training activities, counting what {@code train} does into the activity's metrics scope:
 * epochs trained, training seconds, resumed attempts and slot use ({@link SweepMetrics}). Each
 * call is passed on unchanged.
 */
public final class MeteredTrainingActivities implements TrainingActivities {

  private final TrainingActivities delegate;
  private final int slots;
  private final AtomicInteger busy = new AtomicInteger();

  /**
   * @param delegate the activities that do the work
   * @param slots the worker's training slots, reported as {@value SweepMetrics#SLOTS}
   */
  public MeteredTrainingActivities(TrainingActivities delegate, int slots) {
    this.delegate = delegate;
    this.slots = slots;
  }

  @Override
  public TrainResult train(TrainRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    Scope scope = context.getMetricsScope();
    scope.gauge(SweepMetrics.SLOTS).update(slots);
    scope.gauge(SweepMetrics.SLOTS_BUSY).update(busy.incrementAndGet());
    try {
      TrainResult result = delegate.train(request);
      scope.counter(SweepMetrics.EPOCHS_TRAINED).inc(Math.max(0, result.epochsCompleted() - result.resumedFromEpoch()));
      scope.timer(SweepMetrics.TRAINING).record(
          com.uber.m3.util.Duration.ofSeconds(result.trainSeconds()));
      if (context.getInfo().getAttempt() > 1 && result.resumedFromEpoch() > 0) {
        scope.counter(SweepMetrics.TRIALS_RESUMED).inc(1);
      }
      return result;
    } finally {
      scope.gauge(SweepMetrics.SLOTS_BUSY).update(busy.decrementAndGet());
    }
  }

  @Override
  public DatasetSummary describeDataset(SweepSpec spec) {
    return delegate.describeDataset(spec);
  }

  @Override
  public Evaluation evaluate(EvaluateRequest request) {
    return delegate.evaluate(request);
  }

  @Override
  public List<Observation> warmStart(SweepSpec spec) {
    return delegate.warmStart(spec);
  }

  @Override
  public String saveResults(String sweepId, String specJson, List<TrialResult> leaderboard) {
    return delegate.saveResults(sweepId, specJson, leaderboard);
  }
}
