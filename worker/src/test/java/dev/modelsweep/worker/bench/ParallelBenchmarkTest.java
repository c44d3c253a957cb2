package dev.modelsweep.worker.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelBenchmarkTest {

  @TempDir Path dir;

  @Test
  void measuresOneReplicaAndEachAskedCountWithRealTraining() throws Exception {
    List<ParallelBenchmark.Row> reported = new ArrayList<>();
    List<ParallelBenchmark.Row> rows =
        ParallelBenchmark.run(List.of(TrainingBenchmark.Model.CNN), List.of(2), 3, 0, dir, reported::add);
    assertEquals(rows, reported);
    assertEquals(List.of(1, 2, 1, 2), rows.stream().map(ParallelBenchmark.Row::replicas).toList());
    assertEquals(List.of(128, 128, 512, 512), rows.stream().map(ParallelBenchmark.Row::batch).toList());
    assertEquals("cnn c1-8-16-32-10 digits", rows.get(0).label());
    for (ParallelBenchmark.Row row : rows) {
      assertTrue(row.wallSeconds() > 0 && Double.isFinite(row.speedUp()), row.toString());
    }
    assertEquals(1.0, rows.get(0).speedUp());
    assertEquals(rows.get(0).wallSeconds() / rows.get(1).wallSeconds(), rows.get(1).speedUp(), 1e-12);
  }

  @Test
  void oneReplicaIsNotACountToCompare() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ParallelBenchmark.run(List.of(TrainingBenchmark.Model.CNN), List.of(1), 3, 0, dir, row -> { }));
    assertTrue(e.getMessage().startsWith("--replicas: 1 must be at least 2"), e.getMessage());
  }
}
