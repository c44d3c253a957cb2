package dev.modelsweep.activities.data;

import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.activities.IoErrors;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reading data files that {@link DataRoots} resolved: stamps them for the cache, unzips gzip by its
 * magic bytes, not its name, and tells bad bytes (fail at once) from I/O trouble (retry).
 */
final class DataFiles {

  private DataFiles() {}

  /** A stamp that changes whenever the file is replaced or edited: path, mtime and size. */
  static String stamp(Path p) throws IOException {
    return p + "@" + Files.getLastModifiedTime(p).toMillis() + "+" + Files.size(p);
  }

  /** Reads from a data file's (unzipped) bytes. */
  @FunctionalInterface
  interface Reading<T> {
    T read(InputStream in) throws IOException;
  }

  /**
   * Reads data file {@code file}, named by spec field {@code field}, unzipped if it is gzip. An
   * I/O error that no retry can heal ({@link IoErrors#canHeal}: a corrupt or truncated gzip stream,
   * a file cut short) is bad input: it becomes an {@link InvalidSpecException} that names the
   * field, the file and the cause. Other I/O errors are thrown as they are, to be retried.
   */
  static <T> T read(String field, Path file, Reading<T> reading) throws IOException {
    try (InputStream in = unzipIfGzip(Files.newInputStream(file))) {
      return reading.read(in);
    } catch (IOException e) {
      if (IoErrors.canHeal(e)) {
        throw e;
      }
      throw new InvalidSpecException(
          field + ": cannot read " + file + ": " + IoErrors.describe(e) + "; replace it with an intact copy", e);
    }
  }

  /** Wraps {@code in} in a gzip decoder when it starts with the gzip magic {@code 1f 8b}. */
  static InputStream unzipIfGzip(InputStream in) throws IOException {
    BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
    b.mark(2);
    int m1 = b.read();
    int m2 = b.read();
    b.reset();
    return m1 == 0x1f && m2 == 0x8b ? new BufferedInputStream(new GZIPInputStream(b, 1 << 16), 1 << 16) : b;
  }
}
