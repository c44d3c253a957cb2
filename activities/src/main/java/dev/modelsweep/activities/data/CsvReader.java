package dev.modelsweep.activities.data;

import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.spec.LabelColumn;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads comma-separated rows: every column but the label must be a finite number; the label may
 * be numbers or text (see {@link LabelIndex}). Blank lines are skipped; cells may be wrapped in
 * double quotes ({@code ""} inside quotes is one quote). Row numbers in errors are 1-based line
 * numbers of the file, column numbers 0-based as in {@code dataset.label}.
 */
final class CsvReader {

  /**
   * @param label the label column
   * @param header whether the first line names the columns
   * @param field the spec field that names the file, for errors ({@code dataset.path})
   * @param source the file, for errors
   */
  record Options(LabelColumn label, boolean header, String field, String source) {}

  private CsvReader() {}

  /** Reads all remaining lines of {@code reader}. The caller has consumed any preamble lines. */
  static LabeledData read(String name, BufferedReader reader, Options o) throws IOException {
    int line = 0;
    List<String> headerNames = null;
    String text;
    if (o.header()) {
      while ((text = reader.readLine()) != null) {
        line++;
        if (!text.isBlank()) {
          headerNames = split(text);
          break;
        }
      }
      if (headerNames == null) {
        throw new InvalidSpecException(o.field() + ": " + o.source() + " is empty");
      }
    }

    int columns = headerNames == null ? -1 : headerNames.size();
    int labelAt = -1;
    int features = -1;
    FloatBuffer x = new FloatBuffer();
    List<String> labels = new ArrayList<>();
    while ((text = reader.readLine()) != null) {
      line++;
      if (text.isBlank()) {
        continue;
      }
      List<String> cells = split(text);
      if (columns < 0) {
        columns = cells.size();
      }
      if (labelAt < 0) {
        labelAt = resolveLabel(o.label(), columns, headerNames);
        features = columns - 1;
        if (features < 1) {
          throw new InvalidSpecException(
              o.field() + ": " + o.source() + " has " + columns + " column(s); it needs a label and at least one feature");
        }
      }
      if (cells.size() != columns) {
        throw new InvalidSpecException(
            o.field() + ": row " + line + " of " + o.source() + " has " + cells.size() + " columns, expected "
                + columns + (headerNames != null ? " as in the header" : " as in the first row")
                + "; every row needs the same columns");
      }
      for (int c = 0; c < columns; c++) {
        if (c == labelAt) {
          String v = cells.get(c);
          if (v.isEmpty()) {
            throw new InvalidSpecException(
                "dataset.label: row " + line + " of " + o.source() + " has an empty label in column " + c
                    + "; every row needs a label");
          }
          labels.add(v);
        } else {
          x.add(parseFeature(cells.get(c), line, c, headerNames, o));
        }
      }
    }
    if (labels.isEmpty()) {
      throw new InvalidSpecException(o.field() + ": " + o.source() + " has no data rows");
    }
    String column = headerNames != null ? "'" + headerNames.get(labelAt) + "'" : String.valueOf(labelAt);
    LabelIndex index = LabelIndex.of(labels.toArray(String[]::new), "dataset.label", column);
    Table table = new Table(x.toArray(), index.y(), features);
    return new LabeledData(name, table, index.names(), List.of(features));
  }

  private static int resolveLabel(LabelColumn label, int columns, List<String> headerNames) {
    try {
      return label.resolve(columns, headerNames);
    } catch (IllegalArgumentException e) {
      throw new InvalidSpecException(e.getMessage(), e);
    }
  }

  private static float parseFeature(String cell, int line, int column, List<String> names, Options o) {
    String where =
        "row " + line + ", column " + column + (names != null ? " ('" + names.get(column) + "')" : "")
            + " of " + o.source();
    if (cell.isEmpty()) {
      throw new InvalidSpecException(
          o.field() + ": " + where + " is empty; fill in missing values before training");
    }
    float v;
    try {
      v = Float.parseFloat(cell);
    } catch (NumberFormatException e) {
      throw new InvalidSpecException(
          o.field() + ": " + where + ": '" + cell + "' is not a number; every column but the label must be"
              + " numeric (encode text features as numbers, or set dataset.label to this column)");
    }
    if (!Float.isFinite(v)) {
      throw new InvalidSpecException(
          o.field() + ": " + where + ": '" + cell + "' is not a finite number; replace it before training");
    }
    return v;
  }

  /** Splits one line on commas, honouring double quotes; cells are trimmed. */
  static List<String> split(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cell.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        cells.add(cell.toString().trim());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    cells.add(cell.toString().trim());
    return cells;
  }

  /** A growable float array: rows are not known up front and boxing 10^7 floats is wasteful. */
  private static final class FloatBuffer {
    private float[] data = new float[1024];
    private int size;

    void add(float v) {
      if (size == data.length) {
        data = Arrays.copyOf(data, data.length * 2);
      }
      data[size++] = v;
    }

    float[] toArray() {
      return Arrays.copyOf(data, size);
    }
  }
}
