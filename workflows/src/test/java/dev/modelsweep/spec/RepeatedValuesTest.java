package dev.modelsweep.spec;

import static dev.modelsweep.spec.SpecFixtures.assertProblem;
import static dev.modelsweep.spec.SpecFixtures.problems;
import static dev.modelsweep.spec.SpecFixtures.withSpace;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Repeated values are found by canonical key, not by comparing every pair: the same by value at
 * any depth ({@code 64} and {@code 64.0}, {@code [1, 2.0]} and {@code [1.0, 2]}), each reported
 * once against its first occurrence.
 */
class RepeatedValuesTest {

  private static final String AT = "$.search.space";

  @Test
  void numbersRepeatByValueAtAnyDepth() {
    List<SpecProblem> found = problems(withSpace("grid",
        "{'model.width': {'type': 'choice', 'values': [64, 32, 64.0, 6.4e1]},"
            + " 'model.hiddenLayers': {'type': 'choice', 'values': [[1, 2.0], [2, 1], [1.0, 2]]}}"));
    assertProblem(found, AT + "['model.width'].values[2]", "repeats values[0] (64.0)");
    assertProblem(found, AT + "['model.width'].values[3]", "repeats values[0]");
    assertProblem(found, AT + "['model.hiddenLayers'].values[2]", "repeats values[0]");
    assertEquals(3, found.stream().filter(p -> p.message().startsWith("repeats")).count(), found.toString());
  }

  @Test
  void keysAgreeWithSame() {
    List<String> values = List.of("1", "1.0", "1e0", "10", "1e1", "[1, 2]", "[1.0, 2.00]", "[2, 1]", "{'a': 1, 'b': [2]}",
        "{'b': [2.0], 'a': 1.0}", "'1'", "true", "null", "{}", "[]");
    for (String a : values) {
      for (String b : values) {
        var x = SpecFixtures.json(a);
        var y = SpecFixtures.json(b);
        assertEquals(ParamValues.same(x, y), ParamValues.key(x).equals(ParamValues.key(y)), a + " vs " + b);
        if (ParamValues.same(x, y)) {
          assertEquals(ParamValues.key(x).hashCode(), ParamValues.key(y).hashCode(), a + " vs " + b);
        }
      }
    }
  }
}
