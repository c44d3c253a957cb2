package dev.modelsweep.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelsweep.spec.SpecFixtures;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class SearchFixtures {

  private SearchFixtures() {}

  static SweepSpec spec(String strategy, String space) {
    return SpecParser.parse(SpecFixtures.withSpace(strategy, space));
  }

  static SweepSpec sample(String file) {
    try {
      return SpecParser.parse(Files.readString(SpecFixtures.repoRoot().resolve("samples/sweeps").resolve(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every trial the strategy plans, asked in order; checks that it stops right after. */
  static List<Map<String, Object>> trials(Sampler s) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < s.plannedTrials(); i++) {
      out.add(s.propose(i, List.of()).orElseThrow());
    }
    assertEquals(Optional.empty(), s.propose(s.plannedTrials(), List.of()));
    return out;
  }
}
