package dev.modelsweep.worker.chaos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.client.SweepHandle;
import dev.modelsweep.client.SweepStatus;
import dev.modelsweep.search.Samplers;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.TrialResult;
import dev.modelsweep.worker.EmbeddedTemporal;
import dev.modelsweep.workflow.Leaderboard;
import dev.modelsweep.workflow.SweepResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Proves that a sweep survives its workers dying: runs a spec once undisturbed, then again with the
 * worker in a separate process killed (SIGKILL) at seeded random moments and restarted each time,
 * all on the embedded service, and compares. Each kill lands while a trial trains, a seeded delay
 * after the restarted worker began training.
 */
public final class ChaosHarness {

  /** What one kill cost. Fields are null when the kill hit no training (between trials). */
  public record Kill(
      int number, double atSeconds, String trial, Integer epochReached, Integer resumedFromEpoch,
      Double resumedAfterSeconds) {

    public Integer epochsLost() {
      return epochReached == null || resumedFromEpoch == null ? null : epochReached - resumedFromEpoch;
    }
  }

  /** The harness's table and verdicts. */
  public record Report(
      String sweep, long seed, int checkpointEvery, int heartbeatTimeoutSeconds, int planned,
      int completed, int duplicated, int lost, List<Kill> kills, boolean identicalLeaderboard,
      double calmSeconds, double chaosSeconds) {

    public int maxEpochsLost() {
      return kills.stream().map(Kill::epochsLost).filter(n -> n != null).mapToInt(n -> n).max().orElse(0);
    }

    public double maxResumeSeconds() {
      return kills.stream().map(Kill::resumedAfterSeconds).filter(s -> s != null)
          .mapToDouble(s -> s).max().orElse(0);
    }

    /** Every target met: nothing lost or duplicated, same leaderboard, bounded loss and delay. */
    public boolean ok() {
      return lost == 0 && duplicated == 0 && identicalLeaderboard
          && maxEpochsLost() <= checkpointEvery
          && maxResumeSeconds() <= heartbeatTimeoutSeconds + 5.0
          && kills.stream().allMatch(k -> k.trial() == null || k.resumedAfterSeconds() != null);
    }
  }

  private static final Duration TRAINING_WAIT = Duration.ofMinutes(2);

  private ChaosHarness() {}

  /** The spec with its heartbeat timeout set, so that a kill is noticed quickly. */
  public static SweepSpec withHeartbeatTimeout(SweepSpec spec, int seconds) {
    ObjectNode json = (ObjectNode) SpecParser.toJson(spec);
    json.withObject("/training").put("heartbeatTimeoutSeconds", seconds);
    return SpecParser.parse(json);
  }

  /**
   * Runs {@code spec} undisturbed, then with {@code kills} kills at moments drawn from {@code
   * seed}; artifacts of both runs go under {@code artifacts}, and the workers read data files from
   * inside {@code dataRoots} (empty: a worker's defaults).
   */
  public static Report run(SweepSpec spec, int kills, long seed, Path artifacts, List<Path> dataRoots)
      throws IOException, InterruptedException, TimeoutException {
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(0);
        SweepClient client = SweepClient.connect(
            ConnectionOptions.newBuilder().setTarget(temporal.target()).build())) {
      String calmId = spec.name() + "-calm-" + seed;
      long calmStart = System.nanoTime();
      SweepResult calm;
      try (WorkerProcess worker = WorkerProcess.start(temporal.target(), artifacts, dataRoots, line -> { })) {
        calm = client.start(spec, calmId).result();
      }
      double calmSeconds = seconds(calmStart, System.nanoTime());

      String chaosId = spec.name() + "-chaos-" + seed;
      TrainingLog log = new TrainingLog(chaosId);
      Random random = new Random(seed);
      List<Long> killTimes = new ArrayList<>();
      List<Map<String, Integer>> interrupted = new ArrayList<>();
      long chaosStart = System.nanoTime();
      WorkerProcess worker = WorkerProcess.start(temporal.target(), artifacts, dataRoots, log::accept);
      SweepHandle sweep = client.start(spec, chaosId);
      try {
        double window = Math.max(1.0, calmSeconds / (kills + 1));
        for (int k = 1; k <= kills; k++) {
          long since = killTimes.isEmpty() ? chaosStart : killTimes.get(killTimes.size() - 1);
          if (!awaitTraining(log, since, sweep)) {
            break; // the sweep finished before this kill
          }
          Thread.sleep((long) (1000 * (0.2 + random.nextDouble() * window)));
          if (done(sweep)) {
            break;
          }
          interrupted.add(log.inFlight());
          worker.kill();
          killTimes.add(System.nanoTime());
          worker = WorkerProcess.start(temporal.target(), artifacts, dataRoots, log::accept);
        }
        SweepResult chaos = sweep.result();
        long chaosEnd = System.nanoTime();

        List<Kill> report = new ArrayList<>();
        for (int i = 0; i < killTimes.size(); i++) {
          report.add(kill(i + 1, chaosStart, killTimes.get(i), interrupted.get(i), log));
        }
        int planned = Samplers.create(spec).plannedTrials();
        long distinct = chaos.trials().stream().map(TrialResult::id).distinct().count();
        int duplicated = (int) (chaos.trials().size() - distinct + log.trainedTwice());
        int completed = (int) chaos.trials().stream()
            .filter(t -> t.status() != TrialResult.Status.FAILED).count();
        return new Report(
            chaosId, seed, spec.trainingOrDefault().checkpointEveryOrDefault(),
            spec.trainingOrDefault().heartbeatTimeoutSecondsOrDefault(), planned, completed, duplicated,
            planned - (int) distinct, report, Leaderboard.sameResults(calm.trials(), chaos.trials()),
            calmSeconds, seconds(chaosStart, chaosEnd));
      } finally {
        worker.close();
      }
    }
  }

  private static Kill kill(int number, long origin, long killedAt, Map<String, Integer> inFlight, TrainingLog log) {
    double at = seconds(origin, killedAt);
    if (inFlight.isEmpty()) {
      Optional<TrainingLog.Start> next = log.firstStartAfter(null, killedAt);
      return new Kill(number, at, null, null, null,
          next.map(s -> seconds(killedAt, s.nanos())).orElse(null));
    }
    // One training slot: at most one trial trains at a time.
    Map.Entry<String, Integer> trial = inFlight.entrySet().iterator().next();
    Optional<TrainingLog.Start> resumed = log.firstStartAfter(trial.getKey(), killedAt);
    return new Kill(number, at, trial.getKey(), trial.getValue(),
        resumed.map(s -> s.fromEpoch() - 1).orElse(null),
        resumed.map(s -> seconds(killedAt, s.nanos())).orElse(null));
  }

  /** Waits until a trial of the sweep trains after {@code since}; false if the sweep ends first. */
  private static boolean awaitTraining(TrainingLog log, long since, SweepHandle sweep)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + TRAINING_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (log.anyTrainingSince(since) && !log.inFlight().isEmpty()) {
        return true;
      }
      if (done(sweep)) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    throw new TimeoutException("no training started within " + TRAINING_WAIT);
  }

  private static boolean done(SweepHandle sweep) {
    return !sweep.status().running();
  }

  private static double seconds(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1e9;
  }
}
