package dev.modelsweep.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The label column of a CSV file: a 0-based index, negative counting from the end, or a header
 * name. Written in JSON as a number or a string.
 */
public record LabelColumn(Integer index, String header) {

  public static final LabelColumn LAST = new LabelColumn(-1, null);

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static LabelColumn of(Object value) {
    if (value instanceof Number n) {
      return new LabelColumn(n.intValue(), null);
    }
    return new LabelColumn(null, String.valueOf(value));
  }

  @JsonValue
  public Object json() {
    return index != null ? index : header;
  }

  /** Resolves this column against a row of {@code columns} cells and optional header names. */
  public int resolve(int columns, java.util.List<String> headerNames) {
    if (index != null) {
      int i = index < 0 ? columns + index : index;
      if (i < 0 || i >= columns) {
        throw new IllegalArgumentException(
            "dataset.label: column " + index + " is outside the " + columns + " columns of the file;"
                + " use 0.." + (columns - 1) + " or -1.." + (-columns));
      }
      return i;
    }
    int i = headerNames == null ? -1 : headerNames.indexOf(header);
    if (i < 0) {
      throw new IllegalArgumentException(
          "dataset.label: no column named '" + header + "'"
              + (headerNames == null
                  ? "; the file has no header (set \"header\": true or give a column index)"
                  : "; the header has " + headerNames));
    }
    return i;
  }
}
