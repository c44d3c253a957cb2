package dev.modelsweep.worker.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import dev.modelsweep.activities.model.ModelFactory;
import dev.modelsweep.activities.model.Network;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingBenchmarkTest {

  @TempDir Path dir;

  @Test
  void mlpArithmeticCountsEveryProductButTheFirstLayersInputGradient() {
    SweepSpec spec = TrainingBenchmark.Model.MLP.spec();
    Network net = ModelFactory.build(spec.model(), List.of(16), 26);
    LayerArithmetic arithmetic = LayerArithmetic.of(net.block(), net.exampleShape());
    assertEquals(List.of(new LayerArithmetic.Layer(1, 16, 256), new LayerArithmetic.Layer(1, 256, 128),
        new LayerArithmetic.Layer(1, 128, 26)), arithmetic.layers());
    assertEquals(2.0 * (16 * 256 + 256 * 128 + 128 * 26), LayerArithmetic.flops(arithmetic.forward(1)));
    assertEquals(2.0 * (2 * 16 * 256 + 3 * 256 * 128 + 3 * 128 * 26), LayerArithmetic.flops(arithmetic.train(1)));
    assertEquals(32 * LayerArithmetic.flops(arithmetic.train(1)), LayerArithmetic.flops(arithmetic.train(32)));
    assertEquals(new LayerArithmetic.Gemm(256, 32, 16), arithmetic.train(32).get(1)); // dW = dY^T X
  }

  @Test
  void convolutionsCountAsIm2colProductsOverTheirOutputPositions() {
    Network net = ModelFactory.build(TrainingBenchmark.Model.CNN.spec().model(), List.of(1, 8, 8), 10);
    assertEquals(new Shape(1, 8, 8), net.exampleShape());
    assertEquals(List.of(
            new LayerArithmetic.Layer(64, 9, 8), // 3x3 conv on 8x8, one input channel
            new LayerArithmetic.Layer(16, 72, 16), // after 2x2 pooling: 4x4, 8 channels in
            new LayerArithmetic.Layer(1, 64, 32), // 16 channels x 2x2 flattened
            new LayerArithmetic.Layer(1, 32, 10)),
        LayerArithmetic.of(net.block(), net.exampleShape()).layers());
  }

  @Test
  void cnnIsTheDigitsCnnSamplesModel() throws Exception {
    SweepSpec sample = SpecParser.parse(Files.readString(Path.of("../samples/sweeps/digits-cnn.json")));
    SweepSpec bench = TrainingBenchmark.Model.CNN.spec();
    assertEquals(sample.model(), bench.model());
    assertEquals(sample.dataset(), bench.dataset());
  }

  @Test
  void tooFewEpochsToTimeOneIsRefusedNamingTheOption() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainingBenchmark.run(List.of(TrainingBenchmark.Model.CNN), 2, 0, dir, row -> { }));
    assertTrue(e.getMessage().startsWith("--epochs: 2 must be at least 3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> TrainingBenchmark.run(List.of(TrainingBenchmark.Model.CNN), 3, -1, dir, row -> { }));
    assertTrue(e.getMessage().startsWith("--warmup: -1 must be at least 0"), e.getMessage());
  }

  @Test
  void measuresEveryOptimizerAndBatchSizeWithRealTraining() throws Exception {
    List<TrainingBenchmark.Row> reported = new ArrayList<>();
    List<TrainingBenchmark.Row> rows =
        TrainingBenchmark.run(List.of(TrainingBenchmark.Model.CNN), 3, 1, dir, reported::add);
    assertEquals(rows, reported);
    assertEquals(4, rows.size());
    for (TrainingBenchmark.Row row : rows) {
      assertTrue(row.gflops() > 0 && Double.isFinite(row.gflops()), row.toString());
      assertTrue(row.epoch().cpu() > 0 && row.epoch().wall() > 0 && Double.isFinite(row.ratio()), row.toString());
    }
    assertEquals(List.of("sgd", "sgd", "adam", "adam"), rows.stream().map(TrainingBenchmark.Row::optimizer).toList());
    assertEquals(List.of(32, 128, 32, 128), rows.stream().map(TrainingBenchmark.Row::batch).toList());
    try (Stream<Path> files = Files.walk(dir)) {
      // Each configuration also trained its untimed warm-up run, to its own checkpoints.
      assertEquals(4, files.filter(f -> f.toString().contains("bench-train-warmup")
          && f.getFileName().toString().endsWith(".ckpt")).count());
    }
  }
}
