package dev.modelsweep.activities.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
