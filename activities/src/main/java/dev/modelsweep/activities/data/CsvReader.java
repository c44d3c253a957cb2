package dev.modelsweep.activities.data;

import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.spec.LabelColumn;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads comma-separated rows: every column but the label must be a finite number; the label may
 * be numbers or text (see {@link LabelIndex}). Jackson's CSV parser tokenizes (RFC 4180 quoting,
 * newlines inside quoted cells); this class adds the checks and messages. Blank lines are skipped.
 * Row numbers in errors are the 1-based line of the file where the row starts, column numbers
 * 0-based as in {@code dataset.label}.
 */
final class CsvReader {

  private static final int BYTE_ORDER_MARK = 0xFEFF;

  private static final CsvMapper MAPPER = CsvMapper.builder()
      .enable(CsvParser.Feature.TRIM_SPACES)
      .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
      .build();

  /**
   * @param label the label column
   * @param header whether the first line names the columns
   * @param field the spec field that names the file, for errors ({@code dataset.path})
   * @param source the file, for errors
   */
  record Options(LabelColumn label, boolean header, String field, String source) {}

  private CsvReader() {}

  /**
   * Reads all remaining rows of {@code reader}. The caller has consumed any preamble lines. A
   * UTF-8 byte-order mark at the start is skipped.
   *
   * @throws InvalidSpecException if the text is not CSV (a quote never closed) or its rows do not
   *     fit, naming {@code o.field()}, the file and the row
   */
  static LabeledData read(String name, BufferedReader reader, Options o) throws IOException {
    skipByteOrderMark(reader);
    Rows rows = new Rows(reader, o);
    List<String> headerNames = null;
    if (o.header()) {
      headerNames = rows.next();
      if (headerNames == null) {
        throw new InvalidSpecException(o.field() + ": " + o.source() + " is empty");
      }
    }

    int columns = headerNames == null ? -1 : headerNames.size();
    int labelAt = -1;
    int features = -1;
    FloatBuffer x = new FloatBuffer();
    List<String> labels = new ArrayList<>();
    List<String> cells;
    while ((cells = rows.next()) != null) {
      int line = rows.line();
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

  /** Skips U+FEFF at the reader's position: editors on Windows start UTF-8 files with it. */
  private static void skipByteOrderMark(BufferedReader reader) throws IOException {
    reader.mark(1);
    if (reader.read() != BYTE_ORDER_MARK) {
      reader.reset();
    }
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

  /** The cells of one line of CSV text (a preamble line the caller reads itself). */
  static List<String> split(String line) throws IOException {
    Rows rows = new Rows(new StringReader(line), new Options(LabelColumn.LAST, false, "line", "'" + line + "'"));
    List<String> cells = rows.next();
    return cells == null ? List.of("") : cells;
  }

  /**
   * Rows tokenized by Jackson's CSV parser: commas, double quotes ({@code ""} inside quotes is one
   * quote, and a quoted cell may hold commas and newlines), cells trimmed, blank lines skipped.
   */
  private static final class Rows {
    private final CsvParser parser;
    private final Options options;
    private int line;

    Rows(Reader reader, Options options) throws IOException {
      this.parser = MAPPER.getFactory().createParser(reader);
      this.parser.setSchema(CsvSchema.emptySchema());
      this.options = options;
    }

    /** The next row's cells, or null at the end. */
    List<String> next() throws IOException {
      // Where the previous row ended: the unclosed quote of a failing row is at or after it.
      int after = parser.currentLocation().getLineNr();
      try {
        JsonToken token;
        while ((token = parser.nextToken()) != null && token != JsonToken.START_ARRAY) {
          // with no columns in the schema each row is an array, and nothing comes between them
        }
        if (token == null) {
          return null;
        }
        List<String> cells = new ArrayList<>();
        while (parser.nextToken() == JsonToken.VALUE_STRING) {
          if (cells.isEmpty()) {
            line = parser.currentTokenLocation().getLineNr();
          }
          cells.add(parser.getText());
        }
        return cells;
      } catch (JsonProcessingException e) {
        String where = options.field() + ": " + options.source();
        if (e.getOriginalMessage().contains("closing quote")) {
          throw new InvalidSpecException(where + " has a double quote that is never closed, in a row at or after line "
              + after + "; close the quoted cell or remove the quote", e);
        }
        throw new InvalidSpecException(
            where + " is not valid CSV at or after line " + after + " (" + e.getOriginalMessage() + "); fix the file", e);
      }
    }

    /** The 1-based line of the file where the row from {@link #next} starts. */
    int line() {
      return line;
    }
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
