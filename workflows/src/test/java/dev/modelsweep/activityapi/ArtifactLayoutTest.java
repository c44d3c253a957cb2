package dev.modelsweep.activityapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArtifactLayoutTest {

  @Test
  void differentIdsNeverShareAFolder() {
    assertNotEquals(ArtifactLayout.sweepDir("a b"), ArtifactLayout.sweepDir("a_b"));
    assertEquals("a~20b", ArtifactLayout.sweepDir("a b"));
    assertEquals("a_b", ArtifactLayout.sweepDir("a_b"));
    List<String> ids = List.of("a b", "a_b", "a~20b", "a/b", "a\\b", "a:b", ".a", "_a", "~2Ea", "~", "~7E", "", " ",
        "é", "e\u0301", "digits-random-a51ea45d", "pipe/teacher", "pipe_teacher", "..", "_.", "~2E~2E");
    Map<String, String> seen = new HashMap<>();
    for (String id : ids) {
      String folder = ArtifactLayout.sweepDir(id);
      String before = seen.put(folder, id);
      assertEquals(null, before, "'" + id + "' and '" + before + "' share the folder " + folder);
      if (!id.isEmpty()) {
        assertEquals(id, ArtifactLayout.sweepIdOf(folder), "the folder " + folder + " names its sweep");
      }
    }
  }

  @Test
  void foldersWrittenBeforeKeepTheirNames() {
    // Ids of letters, digits, '.', '_', '-' (every id dev and start make, and every old folder name).
    for (String id : List.of("digits-random-a51ea45d", "a_b", "x.y", "pipe_teacher", "t000")) {
      assertEquals(id, ArtifactLayout.sweepDir(id));
      assertEquals(id, ArtifactLayout.sweepIdOf(id));
    }
    assertEquals("sweep-1/trials/t000/model.params", ArtifactLayout.modelFile("sweep-1", "t000"));
  }

  @Test
  void aFolderNameThatNoIdMapsToIsRefusedWithTheFix() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArtifactLayout.sweepIdOf("a~zz"));
    assertTrue(e.getMessage().contains("rename the folder without '~'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ArtifactLayout.sweepIdOf("a~41"), "A is plain, never escaped");
  }
}
