package dev.modelsweep.activities.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderBlobStoreTest {

  @TempDir Path root;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void putThenGetReturnsTheBytesWithTheirDigest() throws IOException {
    BlobStore store = new FolderBlobStore(root);
    BlobStore.Blob blob = store.put("models/a.params", bytes("weights"));
    assertEquals(Digests.sha256(bytes("weights")), blob.digest());
    assertEquals(7, blob.size());
    assertArrayEquals(bytes("weights"), store.get("models/a.params"));
    assertArrayEquals(bytes("weights"), store.get("models/a.params", blob.digest()));
    assertEquals(Optional.of(blob), store.stat("models/a.params"));
    try (Stream<Path> files = Files.walk(root)) {
      assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")), "no temporary file is left behind");
    }
  }

  @Test
  void bytesChangedOnDiskAreCaughtOnRead() throws IOException {
    BlobStore store = new FolderBlobStore(root);
    store.put("models/a.params", bytes("weights"));
    Files.write(root.resolve("models/a.params"), bytes("weighTs"));
    CorruptArtifactException e = assertThrows(CorruptArtifactException.class, () -> store.get("models/a.params"));
    assertTrue(e.getMessage().startsWith("models/a.params in " + root), e.getMessage());
  }

  @Test
  void bytesOtherThanTheReferenceNamesAreRefused() throws IOException {
    BlobStore store = new FolderBlobStore(root);
    store.put("models/a.params", bytes("new weights"));
    CorruptArtifactException e = assertThrows(CorruptArtifactException.class,
        () -> store.get("models/a.params", Digests.sha256(bytes("old weights"))));
    assertTrue(e.getMessage().contains("as its reference says"), e.getMessage());
  }

  @Test
  void aKeyWhoseDigestWasNeverWrittenIsAbsent() throws IOException {
    // A worker killed between writing the bytes and their digest: the put did not happen.
    Files.createDirectories(root.resolve("models"));
    Files.write(root.resolve("models/half.params"), bytes("weights"));
    BlobStore store = new FolderBlobStore(root);
    assertEquals(Optional.empty(), store.stat("models/half.params"));
    assertEquals(List.of(), store.list("models/"));
    assertThrows(NoSuchFileException.class, () -> store.get("models/half.params"));
  }

  @Test
  void listFindsKeysByPrefixAtAnyDepth() throws IOException {
    BlobStore store = new FolderBlobStore(root);
    store.put("models/a.params", bytes("1"));
    store.put("models/b/c.params", bytes("2"));
    store.put("specs/s.json", bytes("3"));
    assertEquals(List.of("models/a.params", "models/b/c.params"), store.list("models/"));
    assertEquals(List.of("models/a.params"), store.list("models/a"));
    assertEquals(List.of("models/a.params", "models/b/c.params", "specs/s.json"), store.list(""));
    assertEquals(List.of(), store.list("nothing/"));
  }

  @Test
  void contentKeysMakeARepeatedPutANoOp() throws IOException {
    BlobStore store = new FolderBlobStore(root);
    BlobStore.Blob first = store.putContent("models/", ".params", bytes("weights"));
    long written = Files.getLastModifiedTime(root.resolve(first.key())).toMillis();
    BlobStore.Blob again = store.putContent("models/", ".params", bytes("weights"));
    assertEquals(first, again);
    assertEquals("models/sha256-" + Digests.sha256(bytes("weights")) + ".params", first.key());
    assertEquals(written, Files.getLastModifiedTime(root.resolve(first.key())).toMillis());
  }

  @Test
  void keysThatAreNotKeysAreRefused() {
    BlobStore store = new FolderBlobStore(root);
    for (String bad : List.of("", "/abs", "a//b", "../x", "a/./b", "models/.hidden", "a/")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.put(bad, bytes("x")), bad);
      assertTrue(e.getMessage().contains("such as models/sha256-ab12.params"), e.getMessage());
    }
  }
}
