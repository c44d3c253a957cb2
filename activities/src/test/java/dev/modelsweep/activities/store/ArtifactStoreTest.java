package dev.modelsweep.activities.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.activityapi.ArtifactLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactStoreTest {

  @TempDir Path root;

  @ParameterizedTest
  @ValueSource(strings = {"../x", "a/../../x", "/etc/passwd", "a/../..", "", ".", "a/.."})
  void refusesPathsOutsideTheRoot(String path) {
    ArtifactStore store = new ArtifactStore(root);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.resolve(path));
    String expected = path.isEmpty() ? "empty" : path.equals(".") || path.equals("a/..") ? "names the artifact root"
        : "escapes the artifact root";
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> store.writeAtomic(path, new byte[1]));
  }

  /**
   * Sweep ids are workflow ids, which whoever starts a workflow picks (the spec's name pattern
   * does not reach them), and trial ids come from workflow code: neither may lead out of the
   * store, whatever they hold.
   */
  @ParameterizedTest
  @ValueSource(strings = {"..", "../..", "../../etc/passwd", "/etc/passwd", "a/../../b", ".", "...", ".hidden",
      "~", "~/x", "a\\..\\..\\b", "C:\\Windows", "%2e%2e%2f", "..%2f..", "a\0b", "\u2025/x", " ", "sweep/../../x"})
  void sweepAndTrialIdsStayInsideTheStore(String id) throws IOException {
    ArtifactStore store = new ArtifactStore(root);
    for (String path : List.of(ArtifactLayout.sweepDir(id) + "/spec.json", ArtifactLayout.trialDir(id, id) + "/trial.json",
        ArtifactLayout.modelFile("s", id), ArtifactLayout.checkpointDir(id, "t000") + "/" + ArtifactLayout.checkpointFile(1))) {
      Path p = store.resolve(path);
      assertTrue(p.startsWith(store.root()), path + " -> " + p);
      assertFalse(p.equals(store.root()), path);
    }
    assertEquals(1, Path.of(ArtifactLayout.sweepDir(id)).getNameCount(), "a sweep id is one folder: " + id);
    assertFalse(ArtifactLayout.sweepDir(id).startsWith("."), "never hidden, never . or ..: " + id);
    store.writeAtomic(ArtifactLayout.trialDir(id, id) + "/trial.json", new byte[] {1});
    try (var files = Files.list(root)) {
      assertEquals(List.of(ArtifactLayout.sweepDir(id)), files.map(f -> f.getFileName().toString()).toList());
    }
  }

  @Test
  void resolvesInsideTheRoot() {
    ArtifactStore store = new ArtifactStore(root.resolve("sub/.."));
    assertEquals(root.toAbsolutePath().normalize(), store.root());
    assertEquals(store.root().resolve("s/trials/t000/model.params"), store.resolve("s/trials/t000/model.params"));
    assertEquals(store.root().resolve("b"), store.resolve("a/../b"));
  }

  @Test
  void writesAtomicallyAndLeavesNoTemporaries() throws IOException {
    ArtifactStore store = new ArtifactStore(root);
    store.writeAtomic("s/a/file.json", "one".getBytes(StandardCharsets.UTF_8));
    store.writeAtomic("s/a/file.json", "two".getBytes(StandardCharsets.UTF_8));
    assertArrayEquals("two".getBytes(StandardCharsets.UTF_8), store.read("s/a/file.json"));
    try (var files = Files.list(root.resolve("s/a"))) {
      assertEquals(List.of("file.json"), files.map(p -> p.getFileName().toString()).toList());
    }
    assertEquals(List.of("file.json"), store.list("s/a"));
    assertEquals(List.of(), store.list("s/none"));
    assertEquals(3, store.size("s/a/file.json"));
  }

  @Test
  void failedWriteKeepsTheOldFile() throws IOException {
    ArtifactStore store = new ArtifactStore(root);
    store.writeAtomic("f", "old".getBytes(StandardCharsets.UTF_8));
    assertThrows(IOException.class, () -> store.writeAtomic("f", out -> {
      out.write("half".getBytes(StandardCharsets.UTF_8));
      throw new IOException("disk gone");
    }));
    assertArrayEquals("old".getBytes(StandardCharsets.UTF_8), store.read("f"));
    assertEquals(List.of("f"), store.list("."));
    assertTrue(store.delete("f"));
    assertFalse(store.exists("f"));
  }
}
