package dev.modelsweep.activities.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opening data files that {@link DataRoots} resolved: stamps them for the cache and unzips gzip by
 * its magic bytes, not its name.
 */
final class DataFiles {

  private DataFiles() {}

  /** A stamp that changes whenever the file is replaced or edited: path, mtime and size. */
  static String stamp(Path p) throws IOException {
    return p + "@" + Files.getLastModifiedTime(p).toMillis() + "+" + Files.size(p);
  }

  static InputStream open(Path p) throws IOException {
    return unzipIfGzip(Files.newInputStream(p));
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
