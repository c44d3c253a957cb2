package dev.modelsweep.worker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.spec.Metrics;
import dev.modelsweep.spec.SpecException;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.TrialResult;
import dev.modelsweep.worker.EmbeddedTemporal;
import dev.modelsweep.worker.SweepWorker;
import dev.modelsweep.worker.WorkerConfig;
import dev.modelsweep.workflow.SweepResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * {@code modelsweep bench search}: equal-budget comparisons of search strategies (and early
 * stopping) with real training through the real product path: the embedded Temporal service in
 * this process, a {@link SweepWorker} with the given training slots, sweeps started by {@link
 * SweepClient}. Each combination runs once per seed, one sweep at a time; quality is read from
 * each sweep's history ({@link BudgetCurve}).
 */
public final class SearchBenchmark {

  /** Budget shares at which quality is reported. */
  public static final double[] FRACTIONS = {0.25, 0.5, 1.0};

  /**
   * One sweep's outcome.
   *
   * @param trainSeconds each trial's {@code train_seconds} (every train call of it together), by id
   */
  public record Run(String combination, long seed, double wallSeconds, long epochsTrained, double[] accuracyAt,
      BudgetCurve curve, Map<String, Double> trainSeconds) {}

  /** Median and range over seeds of one number. */
  public record Spread(double median, double min, double max) {
    static Spread of(double[] values) {
      double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
      if (v.length == 0) {
        return new Spread(Double.NaN, Double.NaN, Double.NaN);
      }
      return new Spread(SearchBenchmark.median(v), v[0], v[v.length - 1]);
    }
  }

  /**
   * One combination over its seeds.
   *
   * @param accuracy test accuracy of the validation leader at each of {@link #FRACTIONS}
   * @param shareToReachRandom median over seeds of the budget share at which the leader first
   *     reached the target (random search's median final test accuracy, unless one was given);
   *     infinite when most seeds never did, NaN when there is no target
   * @param secondsToReachRandom median over seeds of the wall seconds until then, likewise
   * @param leaderTrainSeconds median over seeds of the {@code train_seconds} of the leader that
   *     reached the target, likewise: the part of the time to reach it that more slots cannot
   *     share out, as one trial trains on one slot
   * @param wallSeconds per seed
   */
  public record Summary(String combination, int seeds, List<Spread> accuracy, double shareToReachRandom,
      double secondsToReachRandom, double leaderTrainSeconds, Spread wallSeconds, Spread epochsTrained) {}

  private SearchBenchmark() {}

  /**
   * Checks every spec first (a combination this build cannot run fails before any training),
   * then runs each combination for each seed.
   */
  public static List<Run> run(SearchProtocol protocol, List<String> combinations, List<Long> seeds, int slots,
      Path artifacts, Consumer<String> progress) {
    Map<String, SweepSpec> specs = new LinkedHashMap<>();
    for (String combination : combinations) {
      for (long seed : seeds) {
        JsonNode json = protocol.spec(combination, seed, slots);
        try {
          specs.put(combination + "#" + seed, SpecParser.parse(json));
        } catch (SpecException e) {
          throw new IllegalArgumentException("--combos: " + combination + " cannot run in this build: "
              + e.getMessage(), e);
        }
      }
    }
    List<Run> runs = new ArrayList<>();
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(0);
        SweepClient client = SweepClient.connect(ConnectionOptions.newBuilder().setTarget(temporal.target()).build());
        SweepWorker worker = SweepWorker.start(client.workflowClient(),
            WorkerConfig.newBuilder().setArtifactRoot(artifacts).setTrainingSlots(slots).build())) {
      for (String combination : combinations) {
        for (long seed : seeds) {
          SweepSpec spec = specs.get(combination + "#" + seed);
          long startMillis = System.currentTimeMillis();
          long start = System.nanoTime();
          SweepResult result = client.start(spec).result();
          double wall = (System.nanoTime() - start) / 1e9;
          Map<String, Double> test = new HashMap<>();
          Map<String, Double> trainSeconds = new HashMap<>();
          for (TrialResult t : result.trials()) {
            Double acc = t.metric(Metrics.TEST_ACCURACY);
            if (acc != null) {
              test.put(t.id(), acc);
            }
            Double seconds = t.metric(Metrics.TRAIN_SECONDS);
            if (seconds != null) {
              trainSeconds.put(t.id(), seconds);
            }
          }
          BudgetCurve curve = new BudgetCurve(protocol.budget(), startMillis, result.history(), test);
          double[] at = Arrays.stream(FRACTIONS).map(curve::accuracyAt).toArray();
          Run run = new Run(combination, seed, wall, result.epochsTrained(), at, curve, Map.copyOf(trainSeconds));
          runs.add(run);
          progress.accept(String.format(java.util.Locale.ROOT,
              "%-16s seed %d: test accuracy %.4f / %.4f / %.4f at 25/50/100%% of %d epochs, %.1f s",
              combination, seed, at[0], at[1], at[2], protocol.budget(), wall));
        }
      }
    }
    return runs;
  }

  /**
   * Per combination, in the order first run. Shares and seconds are measured against {@code
   * target} when given (to compare runs that did not include random, such as one slot against
   * two), else against {@code random}'s median final.
   */
  public static List<Summary> summarize(List<Run> runs, OptionalDouble target) {
    Map<String, List<Run>> by = new LinkedHashMap<>();
    runs.forEach(r -> by.computeIfAbsent(r.combination(), k -> new ArrayList<>()).add(r));
    List<Run> random = by.get("random");
    double goal = target.orElse(random == null ? Double.NaN
        : Spread.of(random.stream().mapToDouble(r -> r.accuracyAt()[FRACTIONS.length - 1]).toArray()).median());
    List<Summary> out = new ArrayList<>();
    by.forEach((combination, rs) -> {
      List<Spread> accuracy = new ArrayList<>();
      for (int f = 0; f < FRACTIONS.length; f++) {
        final int i = f;
        accuracy.add(Spread.of(rs.stream().mapToDouble(r -> r.accuracyAt()[i]).toArray()));
      }
      double share = Double.isNaN(goal) ? Double.NaN
          : median(rs.stream().mapToDouble(r -> r.curve().shareToReach(goal)).sorted().toArray());
      double seconds = Double.isNaN(goal) ? Double.NaN
          : median(rs.stream().mapToDouble(r -> r.curve().secondsToReach(goal)).sorted().toArray());
      double leaderTrain = Double.isNaN(goal) ? Double.NaN
          : median(rs.stream().mapToDouble(r -> leaderTrainSeconds(r, goal)).sorted().toArray());
      out.add(new Summary(combination, rs.size(), accuracy, share, seconds, leaderTrain,
          Spread.of(rs.stream().mapToDouble(Run::wallSeconds).toArray()),
          Spread.of(rs.stream().mapToDouble(Run::epochsTrained).toArray())));
    });
    return out;
  }

  /** The train seconds of the run's first leader at {@code goal}; infinite when none reached it. */
  private static double leaderTrainSeconds(Run run, double goal) {
    String leader = run.curve().leaderReaching(goal);
    return leader == null ? Double.POSITIVE_INFINITY : run.trainSeconds().getOrDefault(leader, Double.NaN);
  }

  /** The median of sorted values (the mean of the middle two for an even count; infinities allowed). */
  static double median(double[] sorted) {
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted[n / 2] : sorted[n / 2 - 1] / 2 + sorted[n / 2] / 2;
  }
}
