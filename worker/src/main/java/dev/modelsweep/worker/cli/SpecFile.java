package dev.modelsweep.worker.cli;

import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a spec file and validates it here, before anything is started. */
final class SpecFile {

  private SpecFile() {}

  static SweepSpec read(Path file) {
    try {
      return SpecParser.parse(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(new ModelSweepCli()), "spec file not found: " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read spec " + file, e);
    }
  }
}
