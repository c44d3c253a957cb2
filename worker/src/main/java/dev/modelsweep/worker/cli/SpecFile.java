package dev.modelsweep.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelsweep.spec.DatasetSpec;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads a spec file and validates it here, before anything is started. */
final class SpecFile {

  /** The dataset fields that name files. */
  private static final List<String> FILE_FIELDS = List.of("path", "images", "labels");

  private SpecFile() {}

  /** The spec as written: relative data paths are for the worker to resolve ({@code start}). */
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

  /**
   * The spec for a worker on this machine ({@code dev}, {@code chaos}): relative data paths are
   * resolved against the spec file's folder, as paths written in a file usually are. The sweep
   * then carries absolute paths, so a rerun from its folder's {@code spec.json} reads the same
   * files. Whether a path is allowed is still the worker's data roots' decision.
   */
  static SweepSpec readLocal(Path file) {
    SweepSpec spec = read(file);
    if (dataFiles(spec).findAny().isEmpty()) {
      return spec;
    }
    Path folder = file.toAbsolutePath().normalize().getParent();
    ObjectNode json = (ObjectNode) SpecParser.toJson(spec);
    ObjectNode dataset = json.withObject("/dataset");
    for (String field : FILE_FIELDS) {
      JsonNode value = dataset.get(field);
      if (value != null && value.isTextual()) {
        try {
          dataset.put(field, folder.resolve(value.asText()).normalize().toString());
        } catch (InvalidPathException e) {
          // Left as written: the worker refuses it with a message that names the field.
        }
      }
    }
    return SpecParser.parse(json);
  }

  /** The folders of the spec's data files given as absolute paths. */
  static List<Path> absoluteDataFolders(SweepSpec spec) {
    List<Path> folders = new ArrayList<>();
    dataFiles(spec).map(SpecFile::pathOrNull).filter(p -> p != null && p.isAbsolute())
        .map(Path::getParent).distinct().forEach(folders::add);
    return folders;
  }

  private static Path pathOrNull(String path) {
    try {
      return Path.of(path);
    } catch (InvalidPathException e) {
      return null;
    }
  }

  private static Stream<String> dataFiles(SweepSpec spec) {
    DatasetSpec data = spec.dataset();
    return data == null ? Stream.empty() : Stream.of(data.path(), data.images(), data.labels()).filter(p -> p != null);
  }
}
