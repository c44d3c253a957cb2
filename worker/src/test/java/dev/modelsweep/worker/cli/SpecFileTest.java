package dev.modelsweep.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.modelsweep.spec.SweepSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecFileTest {

  @TempDir Path dir;

  private Path spec(String dataset) throws IOException {
    return Files.writeString(dir.resolve("spec.json"),
        "{\"name\": \"s\", \"dataset\": " + dataset + ", \"model\": {\"family\": \"mlp\"}}");
  }

  @Test
  void relativeDataPathsResolveAgainstTheSpecFilesFolder() throws IOException {
    SweepSpec spec = SpecFile.readLocal(spec(
        "{\"format\": \"idx\", \"images\": \"mnist/images.idx3\", \"labels\": \"../labels.idx1\"}"));
    assertEquals(dir.resolve("mnist/images.idx3").toString(), spec.dataset().images());
    assertEquals(dir.getParent().resolve("labels.idx1").toString(), spec.dataset().labels());
    assertEquals(List.of(dir.resolve("mnist"), dir.getParent()), SpecFile.absoluteDataFolders(spec));
  }

  @Test
  void absolutePathsAndBuiltInNamesStayAsWritten() throws IOException {
    assertEquals("/srv/data/x.csv",
        SpecFile.readLocal(spec("{\"path\": \"/srv/data/x.csv\", \"format\": \"csv\"}")).dataset().path());
    SweepSpec builtin = SpecFile.readLocal(spec("\"digits\""));
    assertEquals("digits", builtin.dataset().name());
    assertNull(builtin.dataset().path());
  }

  @Test
  void anInvalidPathIsLeftForTheWorkerToRefuseByField() throws IOException {
    SweepSpec spec = SpecFile.readLocal(spec("{\"path\": \"a\\u0000b\", \"format\": \"csv\"}"));
    assertEquals("a\0b", spec.dataset().path());
    assertEquals(List.of(), SpecFile.absoluteDataFolders(spec));
  }

  @Test
  void readKeepsRelativePathsForTheWorker() throws IOException {
    assertEquals("x.csv", SpecFile.read(spec("{\"path\": \"x.csv\", \"format\": \"csv\"}")).dataset().path());
  }
}
