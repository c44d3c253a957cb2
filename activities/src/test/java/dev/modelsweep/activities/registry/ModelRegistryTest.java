package dev.modelsweep.activities.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.activities.store.FolderBlobStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

  @TempDir Path dir;

  private static ModelCard card(String key, double accuracy) {
    return new ModelCard(null, 0, "2026-01-01T00:00:00Z", key, Map.of("test_accuracy", accuracy), 10, 40,
        new ModelCard.Latency(0.01, 0.02, 0.03), 1000.0, "abc", null, null, null, null, null, List.of(4),
        List.of("a", "b"), null);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void promotionsNumberVersionsMoveAliasesAndKeepTheHistory() throws Exception {
    ModelRegistry registry = new ModelRegistry(new FolderBlobStore(dir));
    AliasMove first = registry.promote("digits", "production", card("p/a", 0.9), bytes("w1"), "promoted");
    AliasMove second = registry.promote("digits", "production", card("p/b", 0.95), bytes("w2"), "promoted");
    assertEquals(1, first.to());
    assertNull(first.from());
    assertEquals(2, second.to());
    assertEquals(1, second.from());
    assertEquals(List.of("digits"), registry.names());
    assertEquals(2, registry.resolve("digits@production").version());
    assertEquals(1, registry.resolve("digits@1").version());
    assertEquals(2, registry.resolve("digits").version(), "a name alone is its newest version");
    assertArrayEquals(bytes("w1"), registry.weights(registry.resolve("digits@1")));

    AliasMove rollback = registry.moveAlias("digits", "production", 1, "moved by hand", null, "2026-01-02T00:00:00Z");
    assertEquals(2, rollback.from());
    assertEquals(1, registry.resolve("digits@production").version());
    assertEquals(List.of(1, 2, 1), registry.aliases("digits").history().stream().map(AliasMove::to).toList());
  }

  @Test
  void aPromotionRunTwiceMakesOneVersionAndOneMove() throws Exception {
    ModelRegistry registry = new ModelRegistry(new FolderBlobStore(dir));
    registry.promote("digits", "production", card("pipeline-1/promote", 0.9), bytes("w1"), "promoted");
    // Another registry object on the same folder: what a retry on a restarted worker sees.
    AliasMove again = new ModelRegistry(new FolderBlobStore(dir))
        .promote("digits", "production", card("pipeline-1/promote", 0.9), bytes("w1"), "promoted");
    assertEquals(1, again.to());
    assertEquals(1, registry.versions("digits").size());
    assertEquals(1, registry.aliases("digits").history().size());
  }

  @Test
  void unknownNamesVersionsAndAliasesAreRefusedWithWhatExists() throws Exception {
    ModelRegistry registry = new ModelRegistry(new FolderBlobStore(dir));
    registry.promote("digits", "staging", card("k", 0.9), bytes("w"), "promoted");
    assertTrue(assertThrows(InvalidSpecException.class, () -> registry.resolve("letters")).getMessage()
        .contains("no model named letters"));
    assertTrue(assertThrows(InvalidSpecException.class, () -> registry.resolve("digits@7")).getMessage()
        .contains("has no version 7; versions 1 to 1"));
    assertTrue(assertThrows(InvalidSpecException.class, () -> registry.resolve("digits@production")).getMessage()
        .contains("has no alias production; aliases: [staging]"));
    assertTrue(assertThrows(InvalidSpecException.class,
        () -> registry.moveAlias("digits", "production", 3, "x", null, "t")).getMessage().contains("no version 3"));
    assertTrue(assertThrows(InvalidSpecException.class,
        () -> registry.moveAlias("digits", "3", 1, "x", null, "t")).getMessage().contains("starting with a letter"));
    assertTrue(assertThrows(InvalidSpecException.class, () -> registry.versions("../x")).getMessage()
        .contains("model name '../x'"));
  }
}
