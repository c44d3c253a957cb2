package dev.modelsweep.search;

import static dev.modelsweep.search.SearchFixtures.trials;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.spec.SpecFixtures;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SobolSamplerTest {

  private static SweepSpec spec(String strategy, String space, long seed, int trials) {
    var doc = SpecFixtures.withSpace(strategy, space);
    doc.put("seed", seed);
    SpecFixtures.put(doc, "/search/trials", Integer.toString(trials));
    return SpecParser.parse(doc);
  }

  @Test
  void primitivePolynomialsAreTheKnownOnes() {
    // Degrees 1-5 of the primitive polynomials over GF(2), as x^s + ... + 1 in bits.
    assertArrayEquals(new long[] {0b11, 0b111, 0b1011, 0b1101, 0b10011, 0b11001, 0b100101, 0b101001, 0b101111,
        0b110111, 0b111011, 0b111101}, SobolSequence.primitivePolynomials(12));
  }

  @Test
  void everyCoordinateOfTheFirstPowerOfTwoPointsIsStratified() {
    for (long seed : new long[] {0, 1, 42}) {
      SobolSequence sobol = new SobolSequence(30, seed);
      int n = 256;
      for (int d = 0; d < sobol.dimensions(); d++) {
        boolean[] seen = new boolean[n];
        for (int i = 0; i < n; i++) {
          int cell = (int) (sobol.point(i)[d] * n);
          assertFalse(seen[cell], "seed " + seed + " dimension " + d + ": two of the first " + n + " points in cell " + cell);
          seen[cell] = true;
        }
      }
    }
  }

  @Test
  void pairsOfTabledDimensionsFillTheSquareEvenly() {
    // The first 256 points put exactly 256 / cells^2 points in each cell of a cells x cells grid
    // of any two tabled dimensions: 2x2 for all of them, 4x4 for the first eight (the t-values of
    // Joe and Kuo's numbers promise no more, and the linear scramble keeps the property).
    SobolSequence sobol = new SobolSequence(21, 3);
    for (int a = 0; a < 21; a++) {
      for (int b = a + 1; b < 21; b++) {
        int cells = b < 8 ? 4 : 2;
        int[] counts = new int[cells * cells];
        for (int i = 0; i < 256; i++) {
          double[] p = sobol.point(i);
          counts[(int) (p[a] * cells) * cells + (int) (p[b] * cells)]++;
        }
        for (int c : counts) {
          assertEquals(256 / (cells * cells), c, "dimensions " + a + " and " + b);
        }
      }
    }
  }

  @Test
  void seededAndRecomputedFromTheIndexAlone() {
    String space = "{'optimizer.learningRate': {'type': 'float', 'min': 0.0001, 'max': 0.1, 'log': true},"
        + " 'model.width': {'type': 'choice', 'values': [16, 32, 64]}}";
    List<Map<String, Object>> first = trials(new SobolSampler(spec("sobol", space, 5, 8)));
    assertEquals(first, trials(new SobolSampler(spec("sobol", space, 5, 8))));
    assertEquals(first.get(6), new SobolSampler(spec("sobol", space, 5, 8)).propose(6, List.of()).orElseThrow());
    assertNotEquals(first, trials(new SobolSampler(spec("sobol", space, 6, 8))));
    for (Map<String, Object> p : first) {
      double lr = (Double) p.get("optimizer.learningRate");
      assertTrue(lr >= 0.0001 && lr <= 0.1, "learning rate " + lr);
      assertTrue(List.of(16, 32, 64).contains(p.get("model.width")), "width " + p.get("model.width"));
    }
  }

  @Test
  void coversEachChoiceEvenlyAndIntsInOrder() {
    String space = "{'model.width': {'type': 'choice', 'values': [16, 32, 64, 128]},"
        + " 'model.depth': {'type': 'int', 'min': 1, 'max': 4}}";
    List<Map<String, Object>> points = trials(new SobolSampler(spec("sobol", space, 9, 16)));
    for (Object w : List.of(16, 32, 64, 128)) {
      assertEquals(4, points.stream().filter(p -> p.get("model.width").equals(w)).count(), "width " + w);
    }
    for (int depth = 1; depth <= 4; depth++) {
      final int d = depth;
      assertEquals(4, points.stream().filter(p -> p.get("model.depth").equals(d)).count(), "depth " + d);
    }
  }

  @Test
  void conditionalParametersOnlyWhereTheirConditionsHold() {
    String space = "{'optimizer.type': {'type': 'choice', 'values': ['sgd', 'momentum']},"
        + " 'optimizer.momentum': {'type': 'float', 'min': 0.8, 'max': 0.95, 'when': {'optimizer.type': ['momentum']}}}";
    List<Map<String, Object>> points = trials(new SobolSampler(spec("sobol", space, 0, 16)));
    for (Map<String, Object> p : points) {
      assertEquals(p.get("optimizer.type").equals("momentum"), p.containsKey("optimizer.momentum"), p.toString());
    }
    assertEquals(8, points.stream().filter(p -> p.containsKey("optimizer.momentum")).count());
  }
}
