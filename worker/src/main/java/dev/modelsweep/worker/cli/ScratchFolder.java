package dev.modelsweep.worker.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A benchmark's temporary folder, deleted with everything in it when closed. */
final class ScratchFolder implements AutoCloseable {

  private final Path path;

  private ScratchFolder(Path path) {
    this.path = path;
  }

  /** A fresh folder in the system's temporary directory, named {@code prefix...}. */
  static ScratchFolder create(String prefix) throws IOException {
    return new ScratchFolder(Files.createTempDirectory(prefix));
  }

  Path path() {
    return path;
  }

  @Override
  public void close() throws IOException {
    try (Stream<Path> files = Files.walk(path)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
