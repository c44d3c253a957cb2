package dev.modelsweep.activities.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.spec.DatasetSpec;
import dev.modelsweep.spec.LabelColumn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data files are read only from inside the data roots; everything else is refused untouched. */
class DataRootsTest {

  private static final String FIX = "move the file under a root or start the worker with --data-root DIR";

  @TempDir Path tmp;

  private Path root;
  private Path outside;
  private DataRoots roots;

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectories(tmp.resolve("data"));
    outside = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.writeString(root.resolve("in.csv"), "1,a\n");
    Files.writeString(outside.resolve("secret.csv"), "1,a\n");
    roots = DataRoots.of(List.of(root));
  }

  @Test
  void insideARootResolvesToTheRealFile() throws IOException {
    Path real = root.resolve("in.csv").toRealPath();
    assertEquals(real, roots.resolve("dataset.path", "in.csv"), "relative to the first root");
    assertEquals(real, roots.resolve("dataset.path", root.resolve("in.csv").toString()));
    assertEquals(real, roots.resolve("dataset.path", "sub/../in.csv"), "normalised before the check");
  }

  @Test
  void absolutePathOutsideIsRefusedWithTheFix() {
    assertEquals("dataset.path: /etc/passwd is outside the data roots [" + root + "]; " + FIX,
        message("dataset.path", "/etc/passwd"));
  }

  @Test
  void relativeEscapeIsRefusedShowingWhereItLeads() {
    assertEquals("dataset.images: ../../etc/passwd (resolved to " + root.resolve("../../etc/passwd").normalize()
        + ") is outside the data roots [" + root + "]; " + FIX, message("dataset.images", "../../etc/passwd"));
  }

  /**
   * The lexical check comes before any file system call, so a refused path reads the same whether
   * or not something is there: the refusal cannot be used to probe for files.
   */
  @Test
  void refusalDoesNotDependOnWhetherTheFileExists() {
    String present = message("dataset.path", outside.resolve("secret.csv").toString());
    String absent = message("dataset.path", outside.resolve("nothing.csv").toString());
    assertEquals(present.replace("secret.csv", "X"), absent.replace("nothing.csv", "X"));
    assertTrue(present.contains("outside the data roots"), present);
  }

  @Test
  void siblingWithTheRootAsPrefixIsOutside() throws IOException {
    Path sibling = Files.createDirectories(tmp.resolve("data2"));
    Files.writeString(sibling.resolve("x.csv"), "1,a\n");
    assertTrue(message("dataset.path", sibling.resolve("x.csv").toString()).contains("outside the data roots"));
  }

  @Test
  void linkInsideARootThatLeadsOutIsRefused() throws IOException {
    Path link = Files.createSymbolicLink(root.resolve("link.csv"), outside.resolve("secret.csv"));
    String m = message("dataset.labels", "link.csv");
    assertEquals("dataset.labels: " + link + " is a link to " + outside.resolve("secret.csv").toRealPath()
        + ", which is outside the data roots [" + root + "]; " + FIX, m);
    Files.createSymbolicLink(root.resolve("linked-dir"), outside);
    assertTrue(message("dataset.path", "linked-dir/secret.csv").contains("is a link to"));
  }

  @Test
  void linksThatStayInsideAndRootsReachedThroughLinksWork() throws IOException {
    Files.createSymbolicLink(root.resolve("alias.csv"), root.resolve("in.csv"));
    assertEquals(root.resolve("in.csv").toRealPath(), roots.resolve("dataset.path", "alias.csv"));
    Path linkedRoot = Files.createSymbolicLink(tmp.resolve("data-link"), root);
    DataRoots viaLink = DataRoots.of(List.of(linkedRoot));
    assertEquals(root.resolve("in.csv").toRealPath(), viaLink.resolve("dataset.path", "in.csv"));
  }

  @Test
  void anyOfSeveralRootsWillDoAndTheFirstResolvesRelativePaths() throws IOException {
    DataRoots two = DataRoots.of(List.of(root, outside, root));
    assertEquals(List.of(root, outside), two.roots(), "duplicates dropped, order kept");
    assertEquals(outside.resolve("secret.csv").toRealPath(),
        two.resolve("dataset.path", outside.resolve("secret.csv").toString()));
    String relative = message(two, "dataset.path", "secret.csv");
    assertTrue(relative.startsWith("dataset.path: no file at " + root), relative);
    assertTrue(relative.contains("relative paths are resolved on the worker, from " + root), relative);
    String absolute = message(two, "dataset.path", root.resolve("gone.csv").toString());
    assertEquals("dataset.path: no file at " + root.resolve("gone.csv") + "; give a path the worker can read",
        absolute);
  }

  @Test
  void missingBlankAndInvalidPathsNameTheField() {
    assertEquals("dataset.path: missing; give the path of the file", message("dataset.path", null));
    assertEquals("dataset.path: missing; give the path of the file", message("dataset.path", " "));
    assertTrue(message("dataset.path", "a\0b").startsWith("dataset.path: a\0b is not a valid path"));
    String longName = "x".repeat(100_000);
    String m = message("dataset.path", longName);
    assertTrue(m.startsWith("dataset.path: no file at "), m);
    assertTrue(m.length() < 1_000, "long paths are cut in messages: " + m.length());
  }

  @Test
  void datasetsCheckRootsBeforeTheCache() throws IOException {
    Datasets wide = new Datasets(2, DataRoots.of(List.of(tmp)));
    DatasetSpec secret = DatasetSpec.csv(outside.resolve("secret.csv").toString(), LabelColumn.LAST, false);
    Files.writeString(outside.resolve("secret.csv"), "1,a\n2,b\n3,a\n4,b\n5,a\n6,b\n7,a\n8,b\n9,a\n10,b\n");
    wide.load(secret, 0);
    Datasets narrow = wide.withRoots(roots);
    InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> narrow.load(secret, 0));
    assertTrue(e.getMessage().contains("outside the data roots"), "a cached data set is no way around the roots");
  }

  @Test
  void defaultRootIsTheWorkingDirectory() {
    assertEquals(List.of(Path.of("").toAbsolutePath()), DataRoots.workingDirectory().roots());
    assertThrows(IllegalArgumentException.class, () -> DataRoots.of(List.of()));
  }

  private String message(String field, String path) {
    return message(roots, field, path);
  }

  private static String message(DataRoots r, String field, String path) {
    return assertThrows(InvalidSpecException.class, () -> r.resolve(field, path)).getMessage();
  }
}
