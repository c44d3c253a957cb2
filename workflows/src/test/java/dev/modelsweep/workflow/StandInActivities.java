package dev.modelsweep.workflow;

import dev.modelsweep.activityapi.ArtifactLayout;
import dev.modelsweep.activityapi.TrainingActivities;
import dev.modelsweep.search.Observation;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.DatasetSummary;
import dev.modelsweep.trial.EpochMetrics;
import dev.modelsweep.trial.EvaluateRequest;
import dev.modelsweep.trial.Evaluation;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrainResult;
import dev.modelsweep.trial.TrialConfig;
import dev.modelsweep.trial.TrialResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntToLongFunction;

/**
 * A fast stand-in for the DJL activities, for orchestration tests that need many trials: its
 * "validation accuracy" is a smooth function of the learning rate, peaking at 0.01, that rises
 * with the epochs trained and with {@code model.width}; its parameter count is ten times {@code
 * model.width} (100 without). Like the real trainer it resumes: a trial continued to a later epoch
 * trains only the epochs after its last call, and reports a second of training per epoch it trained
 * in the call. It records when each trial held a training slot
 * (from its first train call to its evaluation), for tests that measure idle slots.
 */
final class StandInActivities implements TrainingActivities {

  /** A trial's time in a slot, in {@link System#nanoTime()}. */
  record Occupancy(int index, long startNanos, long endNanos) {}

  final AtomicInteger trained = new AtomicInteger();
  final AtomicLong epochsTrained = new AtomicLong();
  private final Map<String, Integer> reached = new ConcurrentHashMap<>();
  private final Map<String, Long> firstTrain = new ConcurrentHashMap<>();
  private final List<Occupancy> occupancy = new ArrayList<>();
  private final IntToLongFunction trainMillis;

  StandInActivities() {
    this(index -> 0);
  }

  /** @param trainMillis how long each train call of the trial with this index takes */
  StandInActivities(IntToLongFunction trainMillis) {
    this.trainMillis = trainMillis;
  }

  @Override
  public DatasetSummary describeDataset(SweepSpec spec) {
    return new DatasetSummary("stand-in", 100, 4, 3, List.of(4), 70, 15, 15);
  }

  @Override
  public TrainResult train(TrainRequest request) {
    String id = request.trial().trialId();
    String key = key(request.trial());
    firstTrain.putIfAbsent(key, System.nanoTime());
    trained.incrementAndGet();
    int epochs = request.trial().training().epochsOrDefault();
    int until = request.untilEpoch() == null ? epochs : Math.min(request.untilEpoch(), epochs);
    int from = reached.getOrDefault(key, 0);
    epochsTrained.addAndGet(Math.max(0, until - from));
    reached.merge(key, until, Math::max);
    sleep(trainMillis.applyAsLong(request.trial().index()));
    double accuracy = accuracy(request.trial().params(), until);
    return new TrainResult(id, until, from,
        List.of(new EpochMetrics(until, 1 - accuracy, 1 - accuracy, accuracy, 0.01)), "ckpt", "model@" + until,
        Math.max(0, until - from), "cpu()");
  }

  @Override
  public Evaluation evaluate(EvaluateRequest request) {
    int epoch = Integer.parseInt(request.model().substring("model@".length()));
    double accuracy = accuracy(request.trial().params(), epoch);
    synchronized (occupancy) {
      occupancy.add(new Occupancy(request.trial().index(), firstTrain.get(key(request.trial())), System.nanoTime()));
    }
    long params = 10L * ((Number) request.trial().params().getOrDefault("model.width", 10)).longValue();
    return new Evaluation(accuracy, 1 - accuracy, accuracy, 1 - accuracy, params, 4 * params, 0.01, 0.02, 0.03, 5000);
  }

  /** No earlier sweeps here: warm start runs through the real activities (worker's WarmStartTest). */
  @Override
  public List<Observation> warmStart(SweepSpec spec) {
    throw new UnsupportedOperationException("the stand-in activities read no earlier sweeps");
  }

  @Override
  public String saveResults(String sweepId, String specJson, List<TrialResult> leaderboard) {
    return "/stand-in/" + sweepId;
  }

  List<Occupancy> occupancy() {
    synchronized (occupancy) {
      return List.copyOf(occupancy);
    }
  }

  /** A trial's key in the maps above: trial ids repeat across sweeps. */
  private static String key(TrialConfig trial) {
    return ArtifactLayout.trialDir(trial.sweepId(), trial.trialId());
  }

  private static void sleep(long trainMillis) {
    if (trainMillis > 0) {
      try {
        Thread.sleep(trainMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Peaks at learning rate 0.01, rises towards that peak with every epoch, and is a little higher
   * for a wider model (so accuracy trades off against size).
   */
  static double accuracy(Map<String, Object> params, int epoch) {
    double lr = ((Number) params.getOrDefault("optimizer.learningRate", 0.01)).doubleValue();
    double distance = StrictMath.log10(lr) + 2; // 0 at lr = 0.01
    double width = params.get("model.width") instanceof Number n ? n.doubleValue() : Double.POSITIVE_INFINITY;
    return (1.0 / (1.0 + distance * distance)) * (1 - 0.5 / (epoch + 1)) * (1 - 1 / width);
  }
}
