package dev.modelsweep.worker.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole benchmark path, tiny: 2 seeds x 2 trials of 2 epochs on iris, random and tpe. */
class SearchBenchmarkSmokeTest {

  @Test
  void runsEveryCombinationAndSeedThroughTheProductPath(@TempDir Path artifacts) throws Exception {
    SearchProtocol iris = new SearchProtocol("iris", 2, 4);
    List<String> progress = new ArrayList<>();
    List<SearchBenchmark.Run> runs = SearchBenchmark.run(iris, List.of("random", "tpe"), List.of(0L, 1L), 1, artifacts,
        progress::add);

    assertEquals(4, runs.size());
    assertEquals(4, progress.size());
    for (SearchBenchmark.Run r : runs) {
      assertEquals(4, r.epochsTrained(), r.combination() + " seed " + r.seed());
      double last = r.accuracyAt()[SearchBenchmark.FRACTIONS.length - 1];
      assertTrue(last > 0 && last <= 1, "final test accuracy " + last);
      assertTrue(r.wallSeconds() > 0);
    }
    for (SearchBenchmark.Run r : runs) {
      // The leader's points carry the workflow's clock, so time to quality lies within the run.
      double toFinal = r.curve().secondsToReach(r.accuracyAt()[SearchBenchmark.FRACTIONS.length - 1]);
      assertTrue(toFinal > 0 && toFinal <= r.wallSeconds(), toFinal + " s of " + r.wallSeconds());
      // Its leader trained on one slot within that time, and really trained.
      double own = r.trainSeconds().get(r.curve().leaderReaching(r.accuracyAt()[SearchBenchmark.FRACTIONS.length - 1]));
      assertTrue(own > 0 && own <= toFinal, own + " s of training, reached after " + toFinal + " s");
    }
    List<SearchBenchmark.Summary> rows = SearchBenchmark.summarize(runs, OptionalDouble.empty());
    String md = SearchReport.markdown(iris, List.of(0L, 1L), 1, null, rows);
    assertTrue(md.contains("| random |") && md.contains("| tpe |"), md);
    JsonNode json = new ObjectMapper().readTree(SearchReport.json(iris, List.of(0L, 1L), 1, runs, rows));
    assertEquals(2, json.get("summary").size());
    assertEquals(4, json.get("runs").size());
    assertTrue(Files.isDirectory(artifacts));
  }

  @Test
  void aCombinationThisBuildCannotRunFailsBeforeAnyTraining(@TempDir Path artifacts) {
    SearchProtocol iris = new SearchProtocol("iris", 2, 4);
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> SearchBenchmark.run(iris, List.of("random", "random+nosuch"), List.of(0L), 1, artifacts, s -> {}));
    assertTrue(e.getMessage().startsWith("--combos: random+nosuch cannot run in this build"), e.getMessage());
  }
}
