package dev.modelsweep.activities.data;

import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.spec.LabelColumn;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The data sets shipped inside this jar, so that a fresh machine trains with no download:
 *
 * <ul>
 *   <li>{@code digits}: 1,797 8x8 handwritten digits (pixels 0..16), 10 classes, shape [1, 8, 8]
 *   <li>{@code iris}: 150 x 4, 3 classes
 *   <li>{@code wine}: 178 x 13, 3 classes
 *   <li>{@code breast-cancer}: 569 x 30, 2 classes
 *   <li>{@code letter}: 20,000 x 16, 26 classes (letters A..Z)
 * </ul>
 *
 * The first four come from scikit-learn 1.2.1 (BSD-3, UCI data), {@code letter} from the UCI
 * letter-recognition data (CC BY 4.0).
 */
public final class BuiltinDatasets {

  /** The built-in names, in the order the docs list them. */
  public static final List<String> NAMES = List.of("digits", "iris", "wine", "breast-cancer", "letter");

  private static final String FOLDER = "/dev/modelsweep/datasets/";

  private BuiltinDatasets() {}

  static LabeledData load(String name) throws IOException {
    return switch (name) {
      case "digits" -> csv(name, "digits.csv.gz", LabelColumn.LAST).withShape(List.of(1, 8, 8));
      case "iris" -> sklearn(name, "iris.csv");
      case "wine" -> sklearn(name, "wine_data.csv");
      case "breast-cancer" -> sklearn(name, "breast_cancer.csv");
      case "letter" -> csv(name, "letter-recognition.data.gz", new LabelColumn(0, null));
      default -> throw new InvalidSpecException(
          "dataset.name: no built-in data set named '" + name + "'; use one of " + NAMES
              + ", or give dataset.path for a CSV file");
    };
  }

  private static LabeledData csv(String name, String file, LabelColumn label) throws IOException {
    try (BufferedReader reader = open(file)) {
      return CsvReader.read(name, reader, new CsvReader.Options(label, false, "dataset.name", name));
    }
  }

  /**
   * scikit-learn's CSV files start with {@code n_samples,n_features,class names...}, then rows with
   * the class index last.
   */
  private static LabeledData sklearn(String name, String file) throws IOException {
    try (BufferedReader reader = open(file)) {
      List<String> first = CsvReader.split(reader.readLine());
      List<String> names = first.subList(2, first.size());
      LabeledData data =
          CsvReader.read(name, reader, new CsvReader.Options(LabelColumn.LAST, false, "dataset.name", name));
      if (data.classNames().size() != names.size()) {
        throw new IllegalStateException("built-in " + name + " is damaged: class names " + names);
      }
      return data.withClassNames(List.copyOf(names));
    }
  }

  private static BufferedReader open(String file) throws IOException {
    InputStream in = BuiltinDatasets.class.getResourceAsStream(FOLDER + file);
    if (in == null) {
      throw new IllegalStateException("resource " + FOLDER + file + " is missing from the jar");
    }
    return new BufferedReader(new InputStreamReader(DataFiles.unzipIfGzip(in), StandardCharsets.UTF_8));
  }
}
