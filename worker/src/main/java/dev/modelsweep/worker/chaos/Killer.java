package dev.modelsweep.worker.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The disturbed run's workers: {@link WorkerProcess}es that the harness kills (SIGKILL) when it
 * chooses, each restarted at once, remembering what each kill interrupted. With several workers
 * (each with a folder of its own and one shared store), a kill hits the one that is training, and
 * its replacement starts with an empty folder, so a resumed trial can only come from the store.
 */
final class Killer implements AutoCloseable {

  private final String target;
  private final Path artifacts;
  private final List<Path> dataRoots;
  private final ChaosHarness.Workers workers;
  private final String workflowId;
  private final TrainingLog log;
  private final long started = System.nanoTime();
  private final List<Long> killTimes = new ArrayList<>();
  private final List<Map<String, Integer>> interrupted = new ArrayList<>();
  private final List<WorkerProcess> running = new ArrayList<>();
  /** Each running worker's own log, to tell which one trains. */
  private final List<TrainingLog> own = new ArrayList<>();

  private Killer(String target, Path artifacts, List<Path> dataRoots, ChaosHarness.Workers workers, String workflowId,
      TrainingLog log) throws IOException {
    this.target = target;
    this.artifacts = artifacts;
    this.dataRoots = dataRoots;
    this.workers = workers;
    this.workflowId = workflowId;
    this.log = log;
    try {
      for (int w = 0; w < workers.count(); w++) {
        running.add(null);
        own.add(null);
        launch(w, "chaos-worker-" + (w + 1));
      }
    } catch (IOException | RuntimeException e) {
      closeQuietly();
      throw e;
    }
  }

  /**
   * Starts {@code workers}; their log lines, and their successors', go to {@code log}, which
   * follows {@code workflowId}'s trials.
   */
  static Killer start(String target, Path artifacts, List<Path> dataRoots, ChaosHarness.Workers workers,
      String workflowId, TrainingLog log) throws IOException {
    return new Killer(target, artifacts, dataRoots, workers, workflowId, log);
  }

  /** When the first workers started, in {@link System#nanoTime()}. */
  long startedAt() {
    return started;
  }

  /** The last kill, or the start when there was none. */
  long lastKillOrStart() {
    return killTimes.isEmpty() ? started : killTimes.get(killTimes.size() - 1);
  }

  /**
   * Kills the worker training one of the trials that {@code trials} accepts (the first worker if
   * none is), remembering which of those it was training and to which epoch, and starts another.
   */
  void kill(Predicate<String> trials) throws IOException, InterruptedException {
    int victim = 0;
    for (int w = 0; w < own.size(); w++) {
      if (own.get(w).inFlight().keySet().stream().anyMatch(trials)) {
        victim = w;
        break;
      }
    }
    interrupted.add(own.get(victim).inFlight().entrySet().stream().filter(e -> trials.test(e.getKey()))
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue)));
    running.get(victim).kill();
    killTimes.add(System.nanoTime());
    launch(victim, "chaos-worker-" + (victim + 1) + "-restart-" + killTimes.size());
  }

  /** What each kill cost, read from the log once the run has ended. */
  List<ChaosHarness.Kill> kills() {
    List<ChaosHarness.Kill> out = new ArrayList<>();
    for (int i = 0; i < killTimes.size(); i++) {
      out.add(ChaosHarness.kill(i + 1, started, killTimes.get(i), interrupted.get(i), log));
    }
    return out;
  }

  private void launch(int slot, String folder) throws IOException {
    TrainingLog mine = new TrainingLog(workflowId);
    own.set(slot, mine);
    running.set(slot, WorkerProcess.start(target, workers.folder(artifacts, folder), dataRoots, workers, line -> {
      log.accept(line);
      mine.accept(line);
    }));
  }

  private void closeQuietly() {
    try {
      close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (WorkerProcess w : running) {
      if (w != null) {
        w.close();
      }
    }
  }
}
