package dev.modelsweep.activities.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.spec.DatasetSpec;
import dev.modelsweep.spec.LabelColumn;
import dev.modelsweep.trial.DatasetSummary;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatasetsTest {

  @TempDir Path dir;

  private Datasets datasets;

  @BeforeEach
  void setUp() {
    datasets = new Datasets(4, DataRoots.of(List.of(dir)));
  }

  /** 3 classes (a: 10 rows, b: 20, c: 30), two features: row index and 2 x row index. */
  private static String csv(boolean header, boolean labelFirst) {
    StringBuilder s = new StringBuilder();
    if (header) {
      s.append(labelFirst ? "y,f1,f2\n" : "f1,f2,y\n");
    }
    for (int i = 0; i < 60; i++) {
      String label = i < 10 ? "a" : i < 30 ? "b" : "c";
      s.append(labelFirst ? label + "," + i + "," + 2 * i : i + "," + 2 * i + "," + label).append('\n');
    }
    return s.toString();
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private Path writeGzip(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write(bytes);
    }
    return p;
  }

  private static DatasetSpec csvSpec(Path p, LabelColumn label, boolean header) {
    return DatasetSpec.csv(p.toString(), label, header);
  }

  @ParameterizedTest
  @CsvSource({"digits, 1797, 64, 10, 3", "iris, 150, 4, 3, 1", "wine, 178, 13, 3, 1",
      "breast-cancer, 569, 30, 2, 1", "letter, 20000, 16, 26, 1"})
  void builtinsLoad(String name, int rows, int features, int classes, int shapeDims) throws IOException {
    SplitDataset d = datasets.load(DatasetSpec.builtin(name), 0);
    DatasetSummary s = d.summary();
    assertEquals(rows, s.rows());
    assertEquals(features, s.features());
    assertEquals(classes, s.classes());
    assertEquals(shapeDims, s.shape().size());
    assertEquals(rows, s.trainRows() + s.validationRows() + s.testRows());
  }

  @Test
  void builtinClassNames() throws IOException {
    assertEquals(List.of("setosa", "versicolor", "virginica"), datasets.load(DatasetSpec.builtin("iris"), 0).classNames());
    assertEquals("A", datasets.load(DatasetSpec.builtin("letter"), 0).classNames().get(0));
    assertEquals(List.of(1, 8, 8), datasets.load(DatasetSpec.builtin("digits"), 0).shape());
  }

  @Test
  void csvWithHeaderAndLabelByName() throws IOException {
    Path p = write("h.csv", csv(true, false));
    SplitDataset d = datasets.load(csvSpec(p, LabelColumn.of("y"), true), 1);
    assertEquals(List.of("a", "b", "c"), d.classNames());
    assertEquals(2, d.features());
    assertEquals(List.of(2), d.shape());
  }

  @Test
  void csvWithoutHeaderLabelFirst() throws IOException {
    Path p = write("first.csv", csv(false, true));
    SplitDataset d = datasets.load(csvSpec(p, LabelColumn.of(0), false), 1);
    assertEquals(3, d.classes());
    assertEquals(60, d.summary().rows());
  }

  @Test
  void labelLastByDefaultAndGzipByContent() throws IOException {
    Path p = writeGzip("last.data", csv(false, false).getBytes(StandardCharsets.UTF_8));
    DatasetSpec spec = new DatasetSpec(null, p.toString(), null, null, null, null, null, null, null, null, null, "none");
    SplitDataset d = datasets.load(spec, 1);
    assertEquals(List.of("a", "b", "c"), d.classNames());
    // With normalisation off, every row keeps f2 == 2 * f1, and the label matches the row index.
    Table t = d.train();
    for (int i = 0; i < t.rows(); i++) {
      float f1 = t.x()[i * 2];
      assertEquals(2 * f1, t.x()[i * 2 + 1]);
      assertEquals(f1 < 10 ? 0 : f1 < 30 ? 1 : 2, t.y()[i]);
    }
  }

  @Test
  void numericLabelsSortNumerically() throws IOException {
    Path p = write("num.csv", "1,10\n2,2\n3,1\n4,10\n5,2\n6,1\n7,10\n8,2\n9,1\n10,10\n11,2\n12,1\n");
    SplitDataset d = datasets.load(new DatasetSpec(null, p.toString(), "csv", null, null, null, null, null, null,
        0.25, 0.25, null), 3);
    assertEquals(List.of("1", "2", "10"), d.classNames());
  }

  @Test
  void splitIsStratifiedAndDeterministic() throws IOException {
    Path p = write("strat.csv", csv(false, false));
    DatasetSpec spec = new DatasetSpec(null, p.toString(), null, null, null, null, null, null, null, 0.2, 0.1, null);
    SplitDataset d = datasets.load(spec, 5);
    // a: 10 rows -> 1 test, 2 val, 7 train; b: 20 -> 2, 4, 14; c: 30 -> 3, 6, 21.
    assertArrayEquals(new int[] {7, 14, 21}, counts(d.train()));
    assertArrayEquals(new int[] {2, 4, 6}, counts(d.validation()));
    assertArrayEquals(new int[] {1, 2, 3}, counts(d.test()));

    SplitDataset again = new Datasets(1, datasets.roots()).load(spec, 5);
    assertArrayEquals(d.test().x(), again.test().x(), "same seed, same split");
    SplitDataset otherSeed = new Datasets(1, datasets.roots()).load(spec, 6);
    assertTrue(!java.util.Arrays.equals(d.test().x(), otherSeed.test().x()), "another seed, another split");
  }

  @Test
  void limitTakesAStratifiedSample() throws IOException {
    Path p = write("limit.csv", csv(false, false));
    DatasetSpec spec = new DatasetSpec(null, p.toString(), null, null, null, null, null, null, 30, 0.2, 0.2, null);
    SplitDataset d = datasets.load(spec, 5);
    assertEquals(30, d.summary().rows());
    int[] all = new int[3];
    for (Table t : List.of(d.train(), d.validation(), d.test())) {
      int[] c = counts(t);
      for (int i = 0; i < 3; i++) {
        all[i] += c[i];
      }
    }
    assertArrayEquals(new int[] {5, 10, 15}, all);
  }

  @Test
  void normalisationUsesTrainStatisticsOnly() throws IOException {
    Path p = write("norm.csv", csv(false, false));
    DatasetSpec raw = new DatasetSpec(null, p.toString(), null, null, null, null, null, null, null, null, null, "none");
    DatasetSpec std = new DatasetSpec(null, p.toString(), null, null, null, null, null, null, null, null, null, "standard");
    DatasetSpec minmax = new DatasetSpec(null, p.toString(), null, null, null, null, null, null, null, null, null, "minmax");
    SplitDataset r = datasets.load(raw, 2);
    SplitDataset s = datasets.load(std, 2);
    SplitDataset m = datasets.load(minmax, 2);

    double mean = 0;
    for (int i = 0; i < r.train().rows(); i++) {
      mean += r.train().x()[i * 2];
    }
    mean /= r.train().rows();
    double var = 0;
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (int i = 0; i < r.train().rows(); i++) {
      double v = r.train().x()[i * 2];
      var += (v - mean) * (v - mean);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double sd = Math.sqrt(var / r.train().rows());
    for (int i = 0; i < r.test().rows(); i++) {
      double v = r.test().x()[i * 2];
      assertEquals((v - mean) / sd, s.test().x()[i * 2], 1e-5, "test rows scaled with train mean and std");
      assertEquals((v - min) / (max - min), m.test().x()[i * 2], 1e-5, "test rows scaled with train min and max");
    }
    double trainMean = 0;
    for (int i = 0; i < s.train().rows(); i++) {
      trainMean += s.train().x()[i * 2];
    }
    assertEquals(0, trainMean / s.train().rows(), 1e-5);
  }

  @Test
  void idxFilesPlainAndGzip() throws IOException {
    int n = 40;
    int h = 3;
    int w = 2;
    ByteArrayOutputStream images = new ByteArrayOutputStream();
    ByteArrayOutputStream labels = new ByteArrayOutputStream();
    try (DataOutputStream img = new DataOutputStream(images); DataOutputStream lab = new DataOutputStream(labels)) {
      img.writeInt(0x00000803);
      img.writeInt(n);
      img.writeInt(h);
      img.writeInt(w);
      lab.writeInt(0x00000801);
      lab.writeInt(n);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < h * w; j++) {
          img.writeByte(i % 2 == 0 ? 255 : 0);
        }
        lab.writeByte(i % 2 == 0 ? 7 : 3);
      }
    }
    Path imgPlain = dir.resolve("images-idx3-ubyte");
    Files.write(imgPlain, images.toByteArray());
    Path labGz = writeGzip("labels-idx1-ubyte.gz", labels.toByteArray());
    DatasetSpec spec = new DatasetSpec(null, null, "idx", null, null, imgPlain.toString(), labGz.toString(), null, null,
        null, null, "none");
    SplitDataset d = datasets.load(spec, 0);
    assertEquals(List.of(1, 3, 2), d.shape());
    assertEquals(List.of("3", "7"), d.classNames());
    assertEquals(n, d.summary().rows());
    Table t = d.train();
    for (int i = 0; i < t.rows(); i++) {
      assertEquals(t.y()[i] == 1 ? 1f : 0f, t.x()[i * 6], "pixels scaled by 1/255; label 7 rows are white");
    }

    DatasetSpec swapped = new DatasetSpec(null, null, "idx", null, null, labGz.toString(), imgPlain.toString(), null,
        null, null, null, null);
    String msg = assertThrows(InvalidSpecException.class, () -> datasets.load(swapped, 0)).getMessage();
    assertTrue(msg.startsWith("dataset.images:"), msg);
  }

  @Test
  void cacheReturnsTheSameDataUntilTheFileChanges() throws IOException {
    Path p = write("cache.csv", csv(false, false));
    DatasetSpec spec = csvSpec(p, LabelColumn.LAST, false);
    SplitDataset first = datasets.load(spec, 1);
    assertSame(first, datasets.load(spec, 1));
    assertNotSame(first, datasets.load(spec, 2), "another seed is another entry");
    Files.writeString(p, csv(false, false) + "100,200,a\n");
    Files.setLastModifiedTime(p, FileTime.fromMillis(Files.getLastModifiedTime(p).toMillis() + 5000));
    SplitDataset reloaded = datasets.load(spec, 1);
    assertEquals(61, reloaded.summary().rows());
  }

  @Test
  void errorsNameTheField() throws IOException {
    Path header = write("abc.csv", "a,b,c\n1,2,x\n3,4,y\n");
    assertMessage("dataset.label: no column named 'y'; the header has [a, b, c]",
        csvSpec(header, LabelColumn.of("y"), true));
    assertMessage("dataset.label: column 5 is outside the 3 columns", csvSpec(header, LabelColumn.of(5), true));

    Path text = write("text.csv", "f,g,label\n1,2,x\n3,oops,y\n");
    assertMessage("dataset.path: row 3, column 1 ('g') of " + text + ": 'oops' is not a number",
        csvSpec(text, LabelColumn.LAST, true));

    Path ragged = write("ragged.csv", "1,2,x\n3,y\n");
    assertMessage("dataset.path: row 2 of " + ragged + " has 2 columns, expected 3", csvSpec(ragged, LabelColumn.LAST, false));

    Path oneClass = write("one.csv", "1,x\n2,x\n");
    assertMessage("dataset.label: the label column 1 holds a single class [x]", csvSpec(oneClass, LabelColumn.LAST, false));

    assertMessage("dataset.path: no file at " + dir.resolve("missing.csv"),
        csvSpec(dir.resolve("missing.csv"), LabelColumn.LAST, false));
    assertMessage("dataset.name: no built-in data set named 'mnist'", DatasetSpec.builtin("mnist"));
    assertMessage("dataset.shape: [1, 8, 9] holds 72 values per example but digits has 64 features",
        new DatasetSpec("digits", null, null, null, null, null, null, List.of(1, 8, 9), null, null, null, null));
    assertMessage("dataset.normalize: 'zscore' is not one of [standard, minmax, none]",
        new DatasetSpec("iris", null, null, null, null, null, null, null, null, null, null, "zscore"));
    assertMessage("dataset.validationFraction + dataset.testFraction: 0.5 + 0.5 leaves no rows to train on",
        new DatasetSpec("iris", null, null, null, null, null, null, null, null, 0.5, 0.5, null));
    assertMessage("dataset.validationFraction: the validation split of iris (150 rows) has no rows",
        new DatasetSpec("iris", null, null, null, null, null, null, null, null, 0.0, 0.2, null));
    assertMessage("dataset.format: 'parquet' is not one of [csv, idx]",
        new DatasetSpec(null, "x.parquet", "parquet", null, null, null, null, null, null, null, null, null));
  }

  @Test
  void aByteOrderMarkIsSkipped() throws IOException {
    Path header = write("bom-header.csv", "\uFEFF" + csv(true, true));
    SplitDataset named = datasets.load(csvSpec(header, LabelColumn.of("y"), true), 0);
    assertEquals(60, named.summary().rows(), "the first header name is 'y', not BOM + 'y'");
    Path first = write("bom-first.csv", "\uFEFF" + csv(false, false));
    assertEquals(60, datasets.load(csvSpec(first, LabelColumn.LAST, false), 0).summary().rows(),
        "the first value is the number 0, not BOM + '0'");
  }

  @Test
  void aQuotedNewlineStaysInOneRow() throws IOException {
    StringBuilder s = new StringBuilder("f1,f2,y\n");
    for (int i = 0; i < 60; i++) {
      s.append(i).append(',').append(2 * i).append(",\"class\n").append(i % 3).append("\"\n");
    }
    SplitDataset d = datasets.load(csvSpec(write("multiline.csv", s.toString()), LabelColumn.LAST, true), 0);
    assertEquals(60, d.summary().rows());
    assertEquals(List.of("class\n0", "class\n1", "class\n2"), d.classNames());
  }

  @Test
  void anUnterminatedQuoteIsReportedAsSuch() throws IOException {
    Path p = write("open-quote.csv", "1,2,a\n3,4,b\n\"5,6,c\n7,8,d\n");
    assertMessage("dataset.path: " + p + " has a double quote that is never closed, in a row at or after line 3",
        csvSpec(p, LabelColumn.LAST, false));
  }

  @Test
  void brokenFilesFailAtOnceNamingFieldFileAndCause() throws IOException {
    byte[] gzip = Files.readAllBytes(writeGzip("whole.csv.gz", csv(false, false).getBytes(StandardCharsets.UTF_8)));
    Path truncated = dir.resolve("truncated.csv.gz");
    Files.write(truncated, java.util.Arrays.copyOf(gzip, gzip.length / 2));
    assertMessage("dataset.path: cannot read " + truncated + ": the file ends too early: it is truncated",
        csvSpec(truncated, LabelColumn.LAST, false));
    Path corrupt = dir.resolve("corrupt.csv.gz");
    byte[] flipped = gzip.clone();
    for (int i = 12; i < flipped.length - 8; i++) {
      flipped[i] = (byte) ~flipped[i];
    }
    Files.write(corrupt, flipped);
    assertMessage("dataset.path: cannot read " + corrupt + ": corrupt gzip stream",
        csvSpec(corrupt, LabelColumn.LAST, false));

    Path cut = dir.resolve("cut-idx3-ubyte");
    Files.write(cut, new byte[] {0, 0, 8, 3, 0, 0, 0, 40, 0, 0});
    Path labels = dir.resolve("labels-idx1-ubyte");
    Files.write(labels, new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 7});
    assertMessage("dataset.images: " + cut + ": IDX header cut at 10 bytes (an idx3 header has 16)",
        new DatasetSpec(null, null, "idx", null, null, cut.toString(), labels.toString(), null, null, null, null, null));
  }

  @Test
  void classesKeepsTheirRowsRenumberedAndPerClassLimitSamplesTheTrainSplit() throws IOException {
    SplitDataset all = datasets.load(DatasetSpec.builtin("digits"), 3);
    DatasetSpec fiveToNine = new DatasetSpec("digits", null, null, null, null, null, null, null, null, null, null,
        null, List.of("5", "6", "7", "8", "9"), 20);
    SplitDataset kept = datasets.load(fiveToNine, 3);
    assertEquals(List.of("5", "6", "7", "8", "9"), kept.classNames());
    int[] perClass = new int[5];
    for (int label : kept.train().y()) {
      perClass[label]++;
    }
    assertArrayEquals(new int[] {20, 20, 20, 20, 20}, perClass);
    // Validation and test keep every row of the five classes: about half of the full splits.
    long wanted = java.util.Arrays.stream(all.test().y()).filter(y -> y >= 5).count();
    assertEquals(wanted, kept.test().rows(), 1.0 * wanted / 10);
    // Seeded: the same spec and seed pick the same rows; another seed others.
    datasets.clear();
    assertArrayEquals(kept.train().x(), datasets.load(fiveToNine, 3).train().x());
    assertTrue(!java.util.Arrays.equals(kept.train().x(), datasets.load(fiveToNine, 4).train().x()));
    assertMessage("dataset.classes[1]: label \"ten\" is not in the data",
        new DatasetSpec("digits", null, null, null, null, null, null, null, null, null, null, null,
            List.of("1", "ten"), null));
  }

  private void assertMessage(String prefix, DatasetSpec spec) {
    String msg = assertThrows(InvalidSpecException.class, () -> datasets.load(spec, 0)).getMessage();
    assertTrue(msg.startsWith(prefix), "expected message starting with\n  " + prefix + "\nbut got\n  " + msg);
  }

  private static int[] counts(Table t) {
    int[] c = new int[3];
    for (int y : t.y()) {
      c[y]++;
    }
    return c;
  }
}
