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
import java.util.function.BooleanSupplier;
import java.util.function.BiPredicate;

/**
 * Proves that a sweep survives its workers dying: runs a spec once undisturbed, then again with the
 * worker in a separate process killed (SIGKILL) at seeded random moments and restarted each time,
 * all on the embedded service, and compares. Each kill lands while a trial trains, a seeded delay
 * after the restarted worker began training.
 *
 * <p>With several {@link Workers}, each worker process has a local folder of its own and all share
 * one store ({@code --store}), as machines without a shared disk do. A kill hits the worker that is
 * training, and its replacement starts with an empty folder, as a new machine would: whichever
 * worker continues the trial can only find its checkpoint in the store.
 */
public final class ChaosHarness {

  /**
   * The worker processes of a run.
   *
   * @param count worker processes at once, one training slot each
   * @param store the {@code --store} every worker gets, {@code s3://bucket/prefix}; required with
   *     more than one worker, since they share no folder
   * @param environment added to each worker's environment: the AWS variables that reach the store
   */
  public record Workers(int count, String store, Map<String, String> environment) {

    /** One worker, the artifact folder its store. */
    public static final Workers ONE = new Workers(1, null, Map.of());

    public Workers {
      if (count < 1) {
        throw new IllegalArgumentException("--workers: " + count + " must be at least 1");
      }
      if (count > 1 && store == null) {
        throw new IllegalArgumentException("--workers " + count + ": workers with folders of their own need a store"
            + " they all reach; add --store s3://bucket/prefix");
      }
      environment = Map.copyOf(environment);
    }

    /** {@code artifacts} for one worker; a folder of its own under it, named {@code name}, for several. */
    Path folder(Path artifacts, String name) {
      return count == 1 ? artifacts : artifacts.resolve(name);
    }
  }

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
      return ChaosHarness.maxEpochsLost(kills);
    }

    public double maxResumeSeconds() {
      return ChaosHarness.maxResumeSeconds(kills);
    }

    /** Every target met: nothing lost or duplicated, same leaderboard, bounded loss and delay. */
    public boolean ok() {
      return lost == 0 && duplicated == 0 && identicalLeaderboard
          && killsWithinTargets(kills, checkpointEvery, heartbeatTimeoutSeconds);
    }
  }

  static int maxEpochsLost(List<Kill> kills) {
    return kills.stream().map(Kill::epochsLost).filter(n -> n != null).mapToInt(n -> n).max().orElse(0);
  }

  static double maxResumeSeconds(List<Kill> kills) {
    return kills.stream().map(Kill::resumedAfterSeconds).filter(s -> s != null).mapToDouble(s -> s).max().orElse(0);
  }

  /**
   * No kill cost more than a checkpoint interval, training resumed within the heartbeat timeout
   * plus 5 s, and every interrupted trial resumed.
   */
  static boolean killsWithinTargets(List<Kill> kills, int checkpointEvery, int heartbeatTimeoutSeconds) {
    return maxEpochsLost(kills) <= checkpointEvery
        && maxResumeSeconds(kills) <= heartbeatTimeoutSeconds + 5.0
        && kills.stream().allMatch(k -> k.trial() == null || k.resumedAfterSeconds() != null);
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
    return run(spec, kills, seed, artifacts, dataRoots, Workers.ONE);
  }

  /** As {@link #run(SweepSpec, int, long, Path, List)}, with {@code workers} worker processes. */
  public static Report run(SweepSpec spec, int kills, long seed, Path artifacts, List<Path> dataRoots, Workers workers)
      throws IOException, InterruptedException, TimeoutException {
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(0);
        SweepClient client = SweepClient.connect(
            ConnectionOptions.newBuilder().setTarget(temporal.target()).build())) {
      String calmId = spec.name() + "-calm-" + seed;
      long calmStart = System.nanoTime();
      SweepResult calm;
      List<WorkerProcess> calmWorkers = new ArrayList<>();
      TrainingLog calmLog = new TrainingLog(calmId);
      try {
        for (int w = 1; w <= workers.count(); w++) {
          calmWorkers.add(WorkerProcess.start(temporal.target(), workers.folder(artifacts, "calm-worker-" + w),
              dataRoots, workers, calmLog::accept));
        }
        calm = client.start(spec, calmId).result();
      } finally {
        closeAll(calmWorkers);
      }
      double calmSeconds = seconds(calmStart, System.nanoTime());
      // Kills are spread over the time the undisturbed sweep trained, not over its whole run: the
      // workers' start-up and the sweep's first steps would otherwise push kills past the last trial.
      double trainingSeconds = calmLog.trainingSeconds() > 0 ? calmLog.trainingSeconds() : calmSeconds;

      String chaosId = spec.name() + "-chaos-" + seed;
      TrainingLog log = new TrainingLog(chaosId);
      Random random = new Random(seed);
      try (Killer worker = Killer.start(temporal.target(), artifacts, dataRoots, workers, chaosId, log)) {
        SweepHandle sweep = client.start(spec, chaosId);
        double window = Math.max(1.0, trainingSeconds / (kills + 1));
        int every = spec.trainingOrDefault().checkpointEveryOrDefault();
        for (int k = 1; k <= kills; k++) {
          if (!awaitTraining(log, worker.lastKillOrStart(), () -> done(sweep), (trial, epoch) -> true)) {
            break; // the sweep finished before this kill
          }
          Thread.sleep((long) (1000 * (0.2 + random.nextDouble() * window)));
          // Land while a trial trains past its first checkpoint, so the kill proves a resume from
          // one: a kill between trials, or before any checkpoint, would cost nothing to prove.
          if (!awaitTraining(log, worker.lastKillOrStart(), () -> done(sweep), (trial, epoch) -> epoch >= every)) {
            break;
          }
          worker.kill(trial -> log.inFlight().getOrDefault(trial, 0) >= every);
        }
        SweepResult chaos = sweep.result();
        long chaosEnd = System.nanoTime();

        int planned = Samplers.create(spec).plannedTrials();
        long distinct = chaos.trials().stream().map(TrialResult::id).distinct().count();
        int duplicated = (int) (chaos.trials().size() - distinct + log.trainedTwice());
        int completed = (int) chaos.trials().stream()
            .filter(t -> t.status() != TrialResult.Status.FAILED).count();
        return new Report(
            chaosId, seed, spec.trainingOrDefault().checkpointEveryOrDefault(),
            spec.trainingOrDefault().heartbeatTimeoutSecondsOrDefault(), planned, completed, duplicated,
            planned - (int) distinct, worker.kills(), Leaderboard.sameResults(calm.trials(), chaos.trials()),
            calmSeconds, seconds(worker.startedAt(), chaosEnd));
      }
    }
  }

  private static void closeAll(List<WorkerProcess> workers) throws InterruptedException {
    for (WorkerProcess w : workers) {
      w.close();
    }
  }

  /** What a kill at {@code killedAt} interrupted ({@code inFlight}: the log's trials then) and cost. */
  static Kill kill(int number, long origin, long killedAt, Map<String, Integer> inFlight, TrainingLog log) {
    double at = seconds(origin, killedAt);
    if (inFlight.isEmpty()) {
      Optional<TrainingLog.Start> next = log.firstStartAfter(null, killedAt);
      return new Kill(number, at, null, null, null,
          next.map(s -> seconds(killedAt, s.nanos())).orElse(null));
    }
    // One training slot per worker: the killed worker trained at most one trial.
    Map.Entry<String, Integer> trial = inFlight.entrySet().iterator().next();
    Optional<TrainingLog.Start> resumed = log.firstStartAfter(trial.getKey(), killedAt);
    Integer resumedFrom = resumed.map(s -> s.fromEpoch() - 1).orElse(null);
    // The worker's log reaches the harness through a pipe: a kill right after an epoch's checkpoint
    // can beat that epoch's log line. A resume from a later checkpoint proves the epoch was reached.
    int reached = resumedFrom == null ? trial.getValue() : Math.max(trial.getValue(), resumedFrom);
    return new Kill(number, at, trial.getKey(), reached, resumedFrom,
        resumed.map(s -> seconds(killedAt, s.nanos())).orElse(null));
  }

  /**
   * Waits until a trial that {@code wanted} accepts (by its name and last finished epoch) trains,
   * some training having started after {@code since}; false if the workflow ends first.
   */
  static boolean awaitTraining(TrainingLog log, long since, BooleanSupplier done, BiPredicate<String, Integer> wanted)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + TRAINING_WAIT.toNanos();
    for (int poll = 0; System.nanoTime() < deadline; poll++) {
      if (log.anyTrainingSince(since) && log.inFlight().entrySet().stream().anyMatch(e -> wanted.test(e.getKey(), e.getValue()))) {
        return true;
      }
      // The log is read every 5 ms (small models train an epoch in tens of milliseconds, and a
      // coarser look could see the wanted epoch only once the trial had ended, so that the kill
      // hit nothing); the workflow, a query to the worker, every 50 ms.
      if (poll % 10 == 0 && done.getAsBoolean()) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(5);
    }
    throw new TimeoutException("no training started within " + TRAINING_WAIT);
  }

  private static boolean done(SweepHandle sweep) {
    return !sweep.status().running();
  }

  static double seconds(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1e9;
  }
}
