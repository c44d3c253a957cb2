package dev.modelsweep.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which I/O errors are retried: those a retry can heal, and no others. */
class IoErrorsTest {

  @TempDir Path dir;

  @Test
  void badBytesAndWrongPathsCannotHeal() throws IOException {
    assertFalse(IoErrors.canHeal(new ZipException("invalid bit length repeat")));
    assertFalse(IoErrors.canHeal(new EOFException("Unexpected end of ZLIB input stream")));
    assertFalse(IoErrors.canHeal(new AccessDeniedException("/x")));
    Path file = Files.writeString(dir.resolve("file"), "x");
    FileSystemException notADirectory = org.junit.jupiter.api.Assertions.assertThrows(FileSystemException.class,
        () -> Files.createDirectories(file.resolve("sub")));
    assertFalse(IoErrors.canHeal(notADirectory), notADirectory.toString());
    Path folder = Files.createDirectories(dir.resolve("folder"));
    IOException isADirectory = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
        () -> Files.readAllBytes(folder));
    assertFalse(IoErrors.canHeal(isADirectory), isADirectory.toString());
    assertEquals("corrupt gzip stream (invalid bit length repeat)",
        IoErrors.describe(new ZipException("invalid bit length repeat")));
  }

  @Test
  void troubleBelowThePathsCanHeal() {
    assertTrue(IoErrors.canHeal(new IOException("Input/output error")));
    assertTrue(IoErrors.canHeal(new FileSystemException("/mnt/x", null, "Stale file handle")));
    assertTrue(IoErrors.canHeal(new FileSystemException("/x", null, "No space left on device")));
  }
}
