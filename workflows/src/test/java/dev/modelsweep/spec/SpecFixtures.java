package dev.modelsweep.spec;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Builds spec documents for tests and reads what the parser says about them. */
public final class SpecFixtures {

  private SpecFixtures() {}

  /** Parses JSON text written with single quotes for readability. */
  public static JsonNode json(String text) {
    try {
      return SpecParser.mapper().readTree(text.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /** The smallest valid spec. */
  public static ObjectNode minimal() {
    return (ObjectNode) json("{'name': 'test', 'dataset': 'digits', 'model': {'family': 'mlp'}}");
  }

  /** {@link #minimal()} with a search space given as JSON text (single quotes). */
  public static ObjectNode withSpace(String strategy, String space) {
    ObjectNode doc = minimal();
    doc.set("search", json("{'strategy': '" + strategy + "', 'space': " + space + "}"));
    return doc;
  }

  /** Sets {@code value} (JSON text, single quotes) at a '/'-separated path, creating objects on the way. */
  public static ObjectNode put(ObjectNode doc, String path, String value) {
    String[] parts = path.substring(1).split("/");
    ObjectNode node = doc;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = node.get(parts[i]);
      node = next instanceof ObjectNode o ? o : node.putObject(parts[i]);
    }
    node.set(parts[parts.length - 1], json(value));
    return doc;
  }

  public static SweepSpec parse(JsonNode doc) {
    return SpecParser.parse(doc);
  }

  /** The problems the parser reports; fails if it accepts the document. */
  public static List<SpecProblem> problems(JsonNode doc) {
    try {
      SpecParser.parse(doc);
    } catch (SpecException e) {
      return e.problems();
    }
    return fail("expected problems, but the spec was accepted: " + doc);
  }

  /** Asserts the one problem reported is at {@code path} and its message holds every fragment. */
  public static SpecProblem assertOnly(JsonNode doc, String path, String... fragments) {
    List<SpecProblem> found = problems(doc);
    if (found.size() != 1) {
      fail("expected one problem at " + path + ", got:\n" + describe(found));
    }
    return assertProblem(found, path, fragments);
  }

  /** Asserts some problem is at {@code path} and its message holds every fragment. */
  public static SpecProblem assertProblem(List<SpecProblem> found, String path, String... fragments) {
    for (SpecProblem p : found) {
      if (p.path().equals(path)) {
        for (String f : fragments) {
          assertTrue(p.message().contains(f), () -> "message of " + path + " lacks '" + f + "': " + p.message());
        }
        return p;
      }
    }
    return fail("no problem at " + path + " among:\n" + describe(found));
  }

  static String describe(List<SpecProblem> problems) {
    return problems.stream().map(SpecProblem::toString).collect(Collectors.joining("\n"));
  }

  /** The repository root: the nearest folder above the working directory with samples/sweeps. */
  public static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("samples/sweeps"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no samples/sweeps above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
