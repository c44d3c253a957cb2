package dev.modelsweep.worker.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The disturbed run's worker: a {@link WorkerProcess} that the harness kills (SIGKILL) when it
 * chooses and that is restarted at once each time, remembering what each kill interrupted.
 */
final class Killer implements AutoCloseable {

  private final String target;
  private final Path artifacts;
  private final List<Path> dataRoots;
  private final TrainingLog log;
  private final long started = System.nanoTime();
  private final List<Long> killTimes = new ArrayList<>();
  private final List<Map<String, Integer>> interrupted = new ArrayList<>();
  private WorkerProcess worker;

  private Killer(String target, Path artifacts, List<Path> dataRoots, TrainingLog log) throws IOException {
    this.target = target;
    this.artifacts = artifacts;
    this.dataRoots = dataRoots;
    this.log = log;
    this.worker = WorkerProcess.start(target, artifacts, dataRoots, log::accept);
  }

  /** Starts the first worker; its log lines, and its successors', go to {@code log}. */
  static Killer start(String target, Path artifacts, List<Path> dataRoots, TrainingLog log) throws IOException {
    return new Killer(target, artifacts, dataRoots, log);
  }

  /** When the first worker started, in {@link System#nanoTime()}. */
  long startedAt() {
    return started;
  }

  /** The last kill, or the start when there was none. */
  long lastKillOrStart() {
    return killTimes.isEmpty() ? started : killTimes.get(killTimes.size() - 1);
  }

  /** Kills the worker, which was training {@code inFlight} (trial to last finished epoch), and starts another. */
  void kill(Map<String, Integer> inFlight) throws IOException, InterruptedException {
    interrupted.add(Map.copyOf(inFlight));
    worker.kill();
    killTimes.add(System.nanoTime());
    worker = WorkerProcess.start(target, artifacts, dataRoots, log::accept);
  }

  /** What each kill cost, read from the log once the run has ended. */
  List<ChaosHarness.Kill> kills() {
    List<ChaosHarness.Kill> out = new ArrayList<>();
    for (int i = 0; i < killTimes.size(); i++) {
      out.add(ChaosHarness.kill(i + 1, started, killTimes.get(i), interrupted.get(i), log));
    }
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    worker.close();
  }
}
