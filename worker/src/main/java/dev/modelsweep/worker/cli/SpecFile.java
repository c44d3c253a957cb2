package dev.modelsweep.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelsweep.activities.IoErrors;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a spec file and validates it here, before anything is started. */
final class SpecFile {

  /** The dataset fields that name files. */
  private static final List<String> FILE_FIELDS = List.of("path", "images", "labels");

  private static final String BYTE_ORDER_MARK = "\uFEFF";

  private SpecFile() {}

  /**
   * The spec as written: relative data paths are for the worker to resolve ({@code start}).
   *
   * @throws IllegalArgumentException if the file cannot be read (missing, a folder, not UTF-8,
   *     starting with a byte-order mark); the message names the file and the fix
   * @throws dev.modelsweep.spec.SpecException if it is not a valid spec
   */
  static SweepSpec read(Path file) {
    return SpecParser.parse(tree(file));
  }

  /**
   * The file's JSON, a sweep spec or a pipeline, not yet validated.
   *
   * @throws IllegalArgumentException as {@link #read}
   * @throws dev.modelsweep.spec.SpecException if it is not JSON
   */
  static JsonNode tree(Path file) {
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(
          "spec " + file + " is a folder; give the sweep's JSON file (or --resume FOLDER to rerun a sweep's folder)");
    }
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("spec file not found: " + file);
    } catch (MalformedInputException e) {
      throw new IllegalArgumentException("spec " + file + " is not UTF-8 text; save it as UTF-8");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read spec " + file + ": " + IoErrors.describe(e));
    }
    if (text.startsWith(BYTE_ORDER_MARK)) {
      throw new IllegalArgumentException("spec " + file + " starts with a UTF-8 byte-order mark (BOM), which JSON "
          + "does not allow; save it as UTF-8 without BOM");
    }
    return SpecParser.readTree(text);
  }

  /**
   * The spec for a worker on this machine ({@code dev}, {@code chaos}): relative data paths are
   * resolved against the spec file's folder, as paths written in a file usually are. The sweep
   * then carries absolute paths, so a rerun from its folder's {@code spec.json} reads the same
   * files. Whether a path is allowed is still the worker's data roots' decision; one that is not
   * a valid path is left as written for the worker to refuse by field.
   */
  static SweepSpec readLocal(Path file) {
    return local(read(file), file.toAbsolutePath().normalize().getParent());
  }

  /** {@code spec} with its relative data paths resolved against {@code folder}, as {@link #readLocal} does. */
  static SweepSpec local(SweepSpec spec, Path folder) {
    ObjectNode json = (ObjectNode) SpecParser.toJson(spec);
    boolean resolved = false;
    for (Map.Entry<String, Path> entry : dataFiles(json).entrySet()) {
      if (!entry.getValue().isAbsolute()) {
        json.withObject("/dataset").put(entry.getKey(), folder.resolve(entry.getValue()).normalize().toString());
        resolved = true;
      }
    }
    return resolved ? SpecParser.parse(json) : spec;
  }

  /** The folders of the spec's data files given as absolute paths. */
  static List<Path> absoluteDataFolders(SweepSpec spec) {
    return dataFiles(SpecParser.toJson(spec)).values().stream()
        .filter(Path::isAbsolute).map(Path::getParent).distinct().toList();
  }

  /** The dataset's file fields that hold valid paths, by field name, in {@link #FILE_FIELDS} order. */
  private static Map<String, Path> dataFiles(JsonNode spec) {
    Map<String, Path> files = new LinkedHashMap<>();
    for (String field : FILE_FIELDS) {
      JsonNode value = spec.path("dataset").path(field);
      if (value.isTextual()) {
        try {
          files.put(field, Path.of(value.asText()));
        } catch (InvalidPathException e) {
          // not a path: the worker refuses it by field
        }
      }
    }
    return files;
  }
}
