package dev.modelsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.client.SweepHandle;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.workflow.Leaderboard;
import dev.modelsweep.workflow.SweepProgress;
import dev.modelsweep.workflow.SweepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The embedded service keeps nothing across its own restart; the artifact folder does. Running
 * the same sweep id again reuses every finished trial without training it again, resumes the
 * interrupted one from its checkpoint, and ends with the same leaderboard.
 */
class SweepRerunTest {

  private static final SweepSpec SPEC = SpecParser.parse(
      """
      {"name": "rerun", "seed": 4, "dataset": "digits",
       "model": {"family": "mlp", "depth": 1, "width": 32},
       "training": {"epochs": 12, "batchSize": 64, "checkpointEvery": 2},
       "optimizer": {"type": "adam", "learningRate": 0.005},
       "search": {"strategy": "grid", "space": {
         "model.width": {"type": "choice", "values": [16, 32, 48, 64]}}}}
      """);

  @RegisterExtension final SweepTestEnvironment env = new SweepTestEnvironment();

  @Test
  void rerunOfAFinishedSweepTrainsNothingAndGivesTheSameLeaderboard() throws Exception {
    SweepResult first = env.client.start(SPEC, "rerun-finished").result();
    Map<String, FileTime> models = modelTimes("rerun-finished");

    env.restartTemporal();
    SweepResult again = env.client.start(SPEC, "rerun-finished").result();

    assertEquals(first.trials(), again.trials());
    assertEquals(models, modelTimes("rerun-finished"), "a finished trial was trained again");
  }

  @Test
  void rerunAfterARestartMidSweepFinishesItLikeAnUndisturbedRun() throws Exception {
    SweepResult undisturbed = env.client.start(SPEC, "rerun-undisturbed").result();

    SweepHandle interrupted = env.client.start(SPEC, "rerun-interrupted");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    SweepProgress progress = interrupted.progress();
    while (progress.completed() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
      progress = interrupted.progress();
    }
    assertTrue(progress.completed() >= 2, "no trials finished: " + progress);
    env.restartTemporal(); // the service dies with the sweep's third trial mid-training
    Map<String, FileTime> finishedBefore = modelTimes("rerun-interrupted");

    SweepResult resumed = env.client.start(SPEC, "rerun-interrupted").result();

    assertTrue(Leaderboard.sameResults(undisturbed.trials(), resumed.trials()),
        undisturbed.trials() + "\n" + resumed.trials());
    Map<String, FileTime> after = modelTimes("rerun-interrupted");
    finishedBefore.forEach((trial, time) ->
        assertEquals(time, after.get(trial), trial + " was trained again"));
  }

  private Map<String, FileTime> modelTimes(String sweepId) throws IOException {
    Map<String, FileTime> times = new TreeMap<>();
    Path trials = env.artifacts.resolve(sweepId).resolve("trials");
    try (var dirs = Files.list(trials)) {
      for (Path dir : dirs.toList()) {
        Path model = dir.resolve("model.params");
        if (Files.exists(model) && Files.exists(dir.resolve("evaluation.json"))) {
          times.put(dir.getFileName().toString(), Files.getLastModifiedTime(model));
        }
      }
    }
    return times;
  }
}
