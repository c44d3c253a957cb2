package dev.modelsweep.workflow;

import dev.modelsweep.activity.TrainingActivities;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.DatasetSummary;
import dev.modelsweep.trial.EpochMetrics;
import dev.modelsweep.trial.EvaluateRequest;
import dev.modelsweep.trial.Evaluation;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrainResult;
import dev.modelsweep.trial.TrialResult;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fast stand-in for the DJL activities, for orchestration tests that need many trials: its
 * "validation accuracy" is a smooth function of the learning rate, peaking at 0.01.
 */
final class StandInActivities implements TrainingActivities {

  final AtomicInteger trained = new AtomicInteger();

  @Override
  public DatasetSummary describeDataset(SweepSpec spec) {
    return new DatasetSummary("stand-in", 100, 4, 3, List.of(4), 70, 15, 15);
  }

  @Override
  public TrainResult train(TrainRequest request) {
    trained.incrementAndGet();
    int epochs = request.trial().training().epochsOrDefault();
    return new TrainResult(request.trial().trialId(), epochs, 0,
        List.of(new EpochMetrics(epochs, 0.1, 0.2, accuracy(request), 0.01)), "ckpt", "model", 0.0);
  }

  @Override
  public Evaluation evaluate(EvaluateRequest request) {
    double accuracy = accuracy(new TrainRequest(request.trial(), null));
    return new Evaluation(accuracy, 1 - accuracy, accuracy, 1 - accuracy, 100, 400, 0.01, 0.02);
  }

  @Override
  public String saveResults(String sweepId, String specJson, List<TrialResult> leaderboard) {
    return "/stand-in/" + sweepId;
  }

  private static double accuracy(TrainRequest request) {
    double lr = ((Number) request.trial().params().getOrDefault("optimizer.learningRate", 0.01)).doubleValue();
    double distance = StrictMath.log10(lr) + 2; // 0 at lr = 0.01
    return 1.0 / (1.0 + distance * distance);
  }
}
