package dev.modelsweep.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Where the data comes from and how it is split. Either a built-in name ({@code "digits"} is
 * shorthand for {@code {"name": "digits"}}) or a local file with a format.
 *
 * @param name a built-in data set: {@code digits}, {@code iris}, {@code wine}, {@code breast-cancer},
 *     {@code letter}
 * @param path a CSV file (plain or .gz), for {@code format: csv}
 * @param format {@code csv} or {@code idx}; default {@code csv} when {@code path} is set
 * @param label the label column of a CSV: a 0-based index (negative counts from the end, -1 is
 *     the last column) or a header name; default -1
 * @param header whether the CSV's first line names the columns; default false
 * @param images the IDX image file (idx3, plain or .gz), for {@code format: idx}
 * @param labels the IDX label file (idx1, plain or .gz), for {@code format: idx}
 * @param shape the per-example shape {@code [channels, height, width]} of CSV features, needed
 *     only by the CNN family; built-in digits and IDX files know theirs
 * @param limit use at most this many rows (a stratified sample); default all
 * @param validationFraction share of rows for validation; default 0.15
 * @param testFraction share of rows held out for the final test, never used by the search;
 *     default 0.15
 * @param normalize {@code standard} (z-score from the training split), {@code minmax} or
 *     {@code none}; default standard
 * @param classes keep only rows of these labels, as the data names them, renumbered {@code 0, 1,
 *     ...} in this order; default every label
 * @param perClassLimit at most this many training rows per class, a seeded sample of the train
 *     split (validation and test keep theirs); default all
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetSpec(
    String name,
    String path,
    String format,
    LabelColumn label,
    Boolean header,
    String images,
    String labels,
    List<Integer> shape,
    Integer limit,
    Double validationFraction,
    Double testFraction,
    String normalize,
    List<String> classes,
    Integer perClassLimit) {

  public static final double DEFAULT_VALIDATION_FRACTION = 0.15;
  public static final double DEFAULT_TEST_FRACTION = 0.15;

  /** The JSON object form; named explicitly because a delegating creator sits beside it. */
  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public DatasetSpec {}

  /** A data set with every label and every training row. */
  public DatasetSpec(String name, String path, String format, LabelColumn label, Boolean header, String images,
      String labels, List<Integer> shape, Integer limit, Double validationFraction, Double testFraction,
      String normalize) {
    this(name, path, format, label, header, images, labels, shape, limit, validationFraction, testFraction,
        normalize, null, null);
  }

  /** {@code "digits"} in a spec reads as {@code {"name": "digits"}}. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static DatasetSpec builtin(String name) {
    return new DatasetSpec(name, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  public static DatasetSpec csv(String path, LabelColumn label, boolean header) {
    return new DatasetSpec(null, path, "csv", label, header, null, null, null, null, null, null, null, null, null);
  }

  /** Derived from {@code name}; not a JSON property. */
  @JsonIgnore
  public boolean isBuiltin() {
    return name != null;
  }

  /** The effective format: {@code builtin}, {@code csv} or {@code idx}. */
  public String formatOrDefault() {
    if (isBuiltin()) {
      return "builtin";
    }
    return format == null ? "csv" : format;
  }

  public LabelColumn labelOrDefault() {
    return label == null ? LabelColumn.LAST : label;
  }

  public boolean headerOrDefault() {
    return header != null && header;
  }

  public double validationFractionOrDefault() {
    return validationFraction == null ? DEFAULT_VALIDATION_FRACTION : validationFraction;
  }

  public double testFractionOrDefault() {
    return testFraction == null ? DEFAULT_TEST_FRACTION : testFraction;
  }

  public String normalizeOrDefault() {
    return normalize == null ? "standard" : normalize;
  }

  /** A short human name for logs and tables. */
  public String describe() {
    if (isBuiltin()) {
      return name;
    }
    return "idx".equals(format) ? images : path;
  }
}
