package dev.modelsweep.activities.data;

import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.spec.DatasetSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Loads, splits and normalises data sets described by a {@link DatasetSpec}, and caches the
 * result: every trial of a sweep asks for the same (spec, seed), and parsing a CSV for each of
 * them would dominate small trials.
 *
 * <p>Files are read only from inside the {@link DataRoots} of this instance (by default the
 * working directory); a path outside them is refused before it is touched. {@link
 * #withRoots(DataRoots)} gives a view with other roots over the same cache; sharing is safe
 * because every request is checked against its own view's roots before the cache is consulted,
 * and entries are keyed by the files' real paths.
 *
 * <p>The cache holds the {@value #DEFAULT_CAPACITY} most recently used data sets (by default),
 * keyed by the spec, the seed and, for files, their path, modification time and size, so an edited
 * file is read again. Concurrent requests for the same key load it once; a failed load is not
 * cached. Thread-safe.
 *
 * <p>Steps: check the spec → resolve its files inside the roots → read (built-in, CSV or IDX) →
 * check {@code shape} → keep the labels of {@code classes}, renumbered → stratified subsample to
 * {@code limit} → stratified split into train, validation and test → sample at most {@code
 * perClassLimit} training rows per class → fit normalisation on train → apply it to all three.
 */
public final class Datasets {

  /** Data sets kept in memory; a sweep uses one, a worker seldom serves more than a few sweeps. */
  public static final int DEFAULT_CAPACITY = 3;

  private static final Datasets SHARED = new Datasets(DEFAULT_CAPACITY);

  private record Key(DatasetSpec spec, long seed, List<String> fileStamps) {}

  /**
   * The files of a spec, resolved inside the roots: {@code path} for CSV, {@code images} and
   * {@code labels} for IDX, none for a built-in data set.
   */
  private record SourceFiles(Path path, Path images, Path labels) {
    static final SourceFiles NONE = new SourceFiles(null, null, null);
  }

  private final Map<Key, FutureTask<SplitDataset>> cache;
  private final DataRoots roots;

  /** A cache of its own holding at most {@code capacity} data sets; files from the working directory only. */
  public Datasets(int capacity) {
    this(capacity, DataRoots.workingDirectory());
  }

  /** A cache of its own holding at most {@code capacity} data sets; files from inside {@code roots} only. */
  public Datasets(int capacity, DataRoots roots) {
    this(newCache(capacity), roots);
  }

  private Datasets(Map<Key, FutureTask<SplitDataset>> cache, DataRoots roots) {
    this.cache = cache;
    this.roots = roots;
  }

  private static Map<Key, FutureTask<SplitDataset>> newCache(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, FutureTask<SplitDataset>> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The JVM-wide instance that activities and benchmarks share; files from the working directory only. */
  public static Datasets shared() {
    return SHARED;
  }

  /** This cache, reading files from inside {@code roots} instead. */
  public Datasets withRoots(DataRoots roots) {
    return new Datasets(cache, roots);
  }

  public DataRoots roots() {
    return roots;
  }

  /**
   * The data set of {@code spec}, split with {@code seed}.
   *
   * @throws InvalidSpecException if the spec or its data cannot work, or a file lies outside the
   *     roots; the message names the field
   * @throws IOException if a file cannot be read
   */
  public SplitDataset load(DatasetSpec spec, long seed) throws IOException {
    check(spec);
    SourceFiles files = files(spec);
    Key key = new Key(spec, seed, stamps(files));
    FutureTask<SplitDataset> task;
    boolean mine = false;
    synchronized (cache) {
      task = cache.get(key);
      if (task == null) {
        task = new FutureTask<>(() -> loadUncached(spec, files, seed));
        cache.put(key, task);
        mine = true;
      }
    }
    if (mine) {
      task.run();
    }
    try {
      return task.get();
    } catch (ExecutionException e) {
      synchronized (cache) {
        cache.remove(key, task);
      }
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IOException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + spec.describe() + " to load", e);
    }
  }

  /** Empties the cache. */
  public void clear() {
    synchronized (cache) {
      cache.clear();
    }
  }

  private static SplitDataset loadUncached(DatasetSpec spec, SourceFiles files, long seed) throws IOException {
    LabeledData data = read(spec, files);
    data = ClassSelection.keep(spec, data.withShape(shape(spec, data)));
    Table all = data.rows();
    int classes = data.classNames().size();
    StratifiedSplit split =
        StratifiedSplit.of(
            all.y(), classes, spec.limit(), spec.validationFractionOrDefault(), spec.testFractionOrDefault(), seed);
    requireRows(split.train().length, "dataset.validationFraction and dataset.testFraction", "train", all.rows(), spec);
    requireRows(split.validation().length, "dataset.validationFraction", "validation", all.rows(), spec);
    requireRows(split.test().length, "dataset.testFraction", "test", all.rows(), spec);
    Table train = ClassSelection.perClass(all.select(split.train()), classes, spec.perClassLimit(), seed);
    Table validation = all.select(split.validation());
    Table test = all.select(split.test());
    Normalization norm = Normalization.fit(spec.normalizeOrDefault(), train);
    norm.applyInPlace(train);
    norm.applyInPlace(validation);
    norm.applyInPlace(test);
    return new SplitDataset(data.name(), data.shape(), data.classNames(), train, validation, test, norm);
  }

  private static LabeledData read(DatasetSpec spec, SourceFiles files) throws IOException {
    switch (spec.formatOrDefault()) {
      case "builtin":
        return BuiltinDatasets.load(spec.name());
      case "csv": {
        Path p = files.path();
        return DataFiles.read("dataset.path", p, in -> CsvReader.read(
            spec.path(), new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)),
            new CsvReader.Options(spec.labelOrDefault(), spec.headerOrDefault(), "dataset.path", p.toString())));
      }
      case "idx":
        return IdxReader.read(spec.images(), files.images(), files.labels());
      default:
        throw new IllegalStateException("unchecked format " + spec.formatOrDefault());
    }
  }

  /** Checks what can be checked before reading any data. */
  private static void check(DatasetSpec spec) {
    String format = spec.formatOrDefault();
    if (!List.of("builtin", "csv", "idx").contains(format)) {
      throw new InvalidSpecException("dataset.format: '" + format + "' is not one of [csv, idx]");
    }
    if (spec.isBuiltin() && (spec.path() != null || spec.images() != null)) {
      throw new InvalidSpecException(
          "dataset.name: a built-in name and a file (dataset.path or dataset.images) are both given; keep one");
    }
    double val = spec.validationFractionOrDefault();
    double test = spec.testFractionOrDefault();
    if (!(val >= 0 && val < 1)) {
      throw new InvalidSpecException("dataset.validationFraction: " + val + " must be in [0, 1), e.g. 0.15");
    }
    if (!(test >= 0 && test < 1)) {
      throw new InvalidSpecException("dataset.testFraction: " + test + " must be in [0, 1), e.g. 0.15");
    }
    if (val + test >= 1) {
      throw new InvalidSpecException(
          "dataset.validationFraction + dataset.testFraction: " + val + " + " + test
              + " leaves no rows to train on; keep their sum below 1");
    }
    if (spec.limit() != null && spec.limit() < 1) {
      throw new InvalidSpecException("dataset.limit: " + spec.limit() + " must be at least 1, or left out for all rows");
    }
    if (spec.perClassLimit() != null && spec.perClassLimit() < 1) {
      throw new InvalidSpecException(
          "dataset.perClassLimit: " + spec.perClassLimit() + " must be at least 1, or left out for all rows");
    }
    Normalization.check(spec.normalizeOrDefault());
    List<Integer> shape = spec.shape();
    if (shape != null
        && ((shape.size() != 1 && shape.size() != 3) || shape.stream().anyMatch(d -> d == null || d < 1))) {
      throw new InvalidSpecException(
          "dataset.shape: " + shape + " must be [features] or [channels, height, width] of positive sizes");
    }
  }

  /** Resolves the spec's files inside the roots: the first moment a file is touched. */
  private SourceFiles files(DatasetSpec spec) {
    return switch (spec.formatOrDefault()) {
      case "csv" -> new SourceFiles(roots.resolve("dataset.path", spec.path()), null, null);
      case "idx" -> new SourceFiles(
          null, roots.resolve("dataset.images", spec.images()), roots.resolve("dataset.labels", spec.labels()));
      default -> SourceFiles.NONE;
    };
  }

  private static List<String> stamps(SourceFiles files) throws IOException {
    List<String> stamps = new ArrayList<>();
    for (Path p : Arrays.asList(files.path(), files.images(), files.labels())) {
      if (p != null) {
        stamps.add(DataFiles.stamp(p));
      }
    }
    return stamps;
  }

  private static List<Integer> shape(DatasetSpec spec, LabeledData data) {
    List<Integer> shape = spec.shape();
    if (shape == null) {
      return data.shape();
    }
    long size = 1;
    for (int d : shape) {
      size *= d;
    }
    int features = data.rows().features();
    if (size != features) {
      throw new InvalidSpecException(
          "dataset.shape: " + shape + " holds " + size + " values per example but " + spec.describe() + " has "
              + features + " features; give a shape whose sizes multiply to " + features);
    }
    return List.copyOf(shape);
  }

  private static void requireRows(int rows, String field, String split, int total, DatasetSpec spec) {
    if (rows == 0) {
      throw new InvalidSpecException(
          field + ": the " + split + " split of " + spec.describe() + " (" + total + " rows"
              + (spec.limit() != null ? ", limit " + spec.limit() : "")
              + ") has no rows; change the fractions or use more rows");
    }
  }
}
