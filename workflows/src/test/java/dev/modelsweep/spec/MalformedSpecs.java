package dev.modelsweep.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A generator of malformed sweep specs, by plain enumeration (no randomness, so a failing case
 * has the same name and text on every run): every case is {@link #BASE}, a valid spec that uses
 * every section, with one thing broken. Validation tests run {@link #validation()} through {@link
 * SpecParser}; workflow tests start the same texts raw, plus {@link #dataRootEscapes(Path)}, which
 * only a training worker can reject.
 *
 * <p>Each case says what the rejection must mention ({@link Case#anyOf}): the JSON path of the
 * broken field, such as {@code $.search.space['model.width'].values[0]} (a problem inside it, at a
 * longer path, names it too), since that is where a user has to look; for text that is not JSON,
 * where it breaks.
 */
public final class MalformedSpecs {

  /** What is broken; the test reports counts per category. */
  public enum Category {
    WRONG_TYPE,
    MISSING_REQUIRED,
    UNKNOWN_FIELD,
    OUT_OF_RANGE,
    UNKNOWN_NAME,
    EMPTY_SPACE,
    HUGE_GRID,
    BAD_CONDITION,
    MALFORMED_JSON,
    DATA_ROOT_ESCAPE,
    BROKEN_DATA_FILE,
    DAMAGED_SWEEP_FOLDER
  }

  /**
   * One malformed spec.
   *
   * @param name what was done to the base, e.g. {@code $.training.epochs = "x"}; unique
   * @param json the document text, sent as is
   * @param anyOf the rejection must contain at least one of these (JSON paths or field names)
   * @param allOf the rejection must contain all of these too (used for the data-root message)
   */
  public record Case(Category category, String name, String json, List<String> anyOf, List<String> allOf) {

    @Override
    public String toString() {
      return category + " " + name;
    }
  }

  /** A valid spec touching every section: every case breaks one thing in it. */
  public static final String BASE =
      """
      {
        "name": "malformed-base",
        "seed": 7,
        "dataset": {"name": "digits", "limit": 1000, "validationFraction": 0.2, "testFraction": 0.2,
                    "normalize": "standard"},
        "model": {"family": "mlp", "depth": 2, "width": 64, "activation": "relu", "dropout": 0.1,
                  "batchNorm": false},
        "training": {"epochs": 3, "batchSize": 32, "checkpointEvery": 1},
        "optimizer": {"type": "adam", "learningRate": 0.001, "beta1": 0.9,
                      "schedule": {"type": "cosine", "minLearningRate": 0.0001}},
        "search": {
          "strategy": "random", "trials": 4, "maxConcurrent": 2,
          "space": {
            "model.width": {"type": "choice", "values": [32, 64, 128]},
            "model.depth": {"type": "int", "min": 1, "max": 3},
            "optimizer.type": {"type": "choice", "values": ["sgd", "momentum", "adam"]},
            "optimizer.learningRate": {"type": "float", "min": 0.0003, "max": 0.1, "log": true},
            "optimizer.momentum": {"type": "float", "min": 0.8, "max": 0.95,
                                   "when": {"optimizer.type": ["momentum"]}}
          }
        },
        "objective": {"metric": "val_accuracy", "direction": "maximize", "maxParams": 50000}
      }
      """;

  /** A string longer than any field allows or any message should quote. */
  static final String LONG = "a".repeat(100_000);
  static final BigInteger TWO_TO_63 = BigInteger.ONE.shiftLeft(63);

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String MARK = "__MALFORMED_MARK__";

  private final List<Case> cases = new ArrayList<>();
  private final Set<String> names = new LinkedHashSet<>();

  private MalformedSpecs() {}

  /** Every case that validation alone must reject, in a fixed order. */
  public static List<Case> validation() {
    MalformedSpecs g = new MalformedSpecs();
    g.wrongTypes();
    g.missingRequired();
    g.unknownFields();
    g.outOfRange();
    g.unknownNames();
    g.emptySpaces();
    g.hugeGrids();
    g.badConditions();
    g.malformedJson();
    return List.copyOf(g.cases);
  }

  /**
   * Data files that lead out of {@code root}, the worker's only data root: relative climbs,
   * absolute paths, and links inside the root to a file or folder outside it, for each of {@code
   * dataset.path}, {@code dataset.images} and {@code dataset.labels}. Creates in {@code root} the
   * links and a valid image file (so that a labels case gets past its images), and in {@code
   * outside}, a folder beside the root, the file the links lead to.
   */
  public static List<Case> dataRootEscapes(Path root, Path outside) {
    if (outside.startsWith(root)) {
      throw new IllegalArgumentException(outside + " is inside the data root " + root);
    }
    try {
      Path secret = Files.writeString(outside.resolve("secret.csv"), "1,2,a\n3,4,b\n");
      Files.createSymbolicLink(root.resolve("link-to-secret.csv"), secret);
      Files.createSymbolicLink(root.resolve("link-to-etc-passwd"), Path.of("/etc/passwd"));
      Files.createSymbolicLink(root.resolve("linked-folder"), outside);
      Files.write(root.resolve("images.idx"), new byte[] {0, 0, 8, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String up = root.relativize(outside).toString();
    List<String> escapes = List.of(
        "../../etc/passwd",
        "/etc/passwd",
        up + "/secret.csv",
        outside.resolve("secret.csv").toString(),
        "./sub/../../../etc/shadow",
        "link-to-secret.csv",
        "link-to-etc-passwd",
        "linked-folder/secret.csv",
        root + "/" + up + "/secret.csv",
        "../".repeat(30_000) + "etc/passwd");
    MalformedSpecs g = new MalformedSpecs();
    for (String escape : escapes) {
      for (String field : List.of("path", "images", "labels")) {
        ObjectNode doc = base();
        ObjectNode ds = doc.putObject("dataset");
        switch (field) {
          case "path" -> ds.put("path", escape);
          case "images" -> ds.put("format", "idx").put("images", escape).put("labels", "images.idx");
          default -> ds.put("format", "idx").put("images", "images.idx").put("labels", escape);
        }
        g.add(Category.DATA_ROOT_ESCAPE, "$.dataset." + field + " = " + (escape.length() > 60
            ? escape.substring(0, 30) + "... (" + escape.length() + " characters)" : escape), write(doc),
            List.of("dataset." + field + ": "), List.of("outside the data roots [" + root + "]", "--data-root DIR"));
      }
    }
    return List.copyOf(g.cases);
  }

  /**
   * Data files inside {@code root}, the worker's only data root, that no reader can use: gzip cut
   * short (in its header, its body, its trailer) or corrupted, IDX headers cut at every length,
   * an IDX body cut short, a CSV quote never closed, empty files, a folder where a file belongs and
   * a file where a folder belongs; plus byte-order marks and quoted newlines, which must not hide
   * the real fault that follows them (its column name, its row). Writes the files into {@code
   * root}. Each rejection must name the field, and the file and the cause ({@link Case#allOf}).
   */
  public static List<Case> brokenDataFiles(Path root) {
    MalformedSpecs g = new MalformedSpecs();
    try {
      StringBuilder rows = new StringBuilder();
      for (int i = 0; i < 60; i++) {
        rows.append(i % 7).append(',').append(i % 5).append(',').append("abc".charAt(i % 3)).append('\n');
      }
      byte[] gzip = gzip(rows.toString().getBytes(StandardCharsets.UTF_8));
      for (int cut : new int[] {2, 10, gzip.length / 2, gzip.length - 8, gzip.length - 1}) {
        String name = "cut-at-" + cut + ".csv.gz";
        Files.write(root.resolve(name), java.util.Arrays.copyOf(gzip, cut));
        g.csvCase("gzip cut at " + cut + " of " + gzip.length + " bytes", name,
            List.of("the file ends too early", "corrupt gzip stream"));
      }
      for (int from : new int[] {10, gzip.length / 3}) {
        byte[] corrupt = gzip.clone();
        for (int i = from; i < corrupt.length - 8; i++) {
          corrupt[i] = (byte) (corrupt[i] * 31 + 7);
        }
        String name = "corrupt-from-" + from + ".csv.gz";
        Files.write(root.resolve(name), corrupt);
        g.csvCase("gzip corrupt from byte " + from, name, List.of("corrupt gzip stream", "the file ends too early"));
      }
      Files.writeString(root.resolve("open-quote.csv"), "1,2,a\n3,4,b\n\"5,6,c\n7,8,a\n");
      g.csvCase("a quote never closed", "open-quote.csv", List.of("double quote that is never closed"));
      Files.writeString(root.resolve("empty.csv"), "");
      g.csvCase("an empty file", "empty.csv", List.of("has no data rows"));
      Files.writeString(root.resolve("bom-bad-cell.csv"), "\uFEFFf1,f2,y\n1,2,a\n3,x,b\n");
      g.csvCaseWithHeader("a BOM, then a bad cell in column 'f2'", "bom-bad-cell.csv", List.of("row 3, column 1 ('f2')"));
      Files.writeString(root.resolve("bom-first.csv"), "\uFEFFx1,2,a\n3,4,b\n");
      g.csvCase("a BOM before a bad first cell", "bom-first.csv", List.of("row 1, column 0", "'x1'"));
      Files.writeString(root.resolve("newline-then-ragged.csv"), "1,2,\"a\nstill a\"\n3,4,b\n5,c\n");
      g.csvCase("a quoted newline, then a ragged row", "newline-then-ragged.csv", List.of("row 4 of "));
      Files.createDirectories(root.resolve("folder.csv"));
      g.csvCase("a folder where the file belongs", "folder.csv", List.of("no file at"));
      Files.writeString(root.resolve("plain-file"), "1,2,a\n");
      g.csvCase("a file where a folder belongs", "plain-file/data.csv", List.of("no file at"));

      byte[] images = idx(0x803, new int[] {4, 2, 2}, 16);
      byte[] labels = idx(0x801, new int[] {4}, 4);
      Files.write(root.resolve("intact-images"), images);
      Files.write(root.resolve("intact-labels"), labels);
      for (int cut = 1; cut < 16; cut++) {
        String name = "images-cut-" + cut;
        Files.write(root.resolve(name), java.util.Arrays.copyOf(images, cut));
        g.idxCase("images", "IDX images cut at " + cut + " bytes", name, "intact-labels",
            List.of("IDX header cut at " + cut + " bytes"));
      }
      for (int cut = 1; cut < 8; cut++) {
        String name = "labels-cut-" + cut;
        Files.write(root.resolve(name), java.util.Arrays.copyOf(labels, cut));
        g.idxCase("labels", "IDX labels cut at " + cut + " bytes", "intact-images", name,
            List.of("IDX header cut at " + cut + " bytes"));
      }
      Files.write(root.resolve("images-body-cut"), java.util.Arrays.copyOf(images, images.length - 3));
      g.idxCase("images", "IDX images body cut 3 bytes short", "images-body-cut", "intact-labels",
          List.of("is truncated"));
      byte[] gzImages = gzip(images);
      Files.write(root.resolve("images-cut.gz"), java.util.Arrays.copyOf(gzImages, gzImages.length / 2));
      g.idxCase("images", "gzip IDX images cut in half", "images-cut.gz", "intact-labels",
          List.of("the file ends too early", "is truncated", "corrupt gzip stream"));
      Files.createDirectories(root.resolve("images-folder"));
      g.idxCase("images", "a folder where the images file belongs", "images-folder", "intact-labels",
          List.of("no file at"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(g.cases);
  }

  private void csvCase(String name, String file, List<String> causes) {
    addDataCase(name, file, false, causes);
  }

  private void csvCaseWithHeader(String name, String file, List<String> causes) {
    addDataCase(name, file, true, causes);
  }

  private void addDataCase(String name, String file, boolean header, List<String> causes) {
    ObjectNode doc = base();
    doc.putObject("dataset").put("path", file).put("header", header);
    add(Category.BROKEN_DATA_FILE, "$.dataset.path: " + name, write(doc), causes, List.of("dataset.path: ", file));
  }

  private void idxCase(String field, String name, String images, String labels, List<String> causes) {
    ObjectNode doc = base();
    doc.putObject("dataset").put("format", "idx").put("images", images).put("labels", labels);
    add(Category.BROKEN_DATA_FILE, "$.dataset." + field + ": " + name, write(doc), causes,
        List.of("dataset." + field + ": ", field.equals("images") ? images : labels));
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
      z.write(bytes);
    }
    return out.toByteArray();
  }

  /** An unsigned-byte IDX file: magic, sizes, then {@code body} bytes counting 0, 1, 2, ... */
  private static byte[] idx(int magic, int[] sizes, int body) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 4 * sizes.length + body);
    b.putInt(magic);
    for (int size : sizes) {
      b.putInt(size);
    }
    for (int i = 0; i < body; i++) {
      b.put((byte) (i % 2 == 0 ? 1 : 2));
    }
    return b.array();
  }

  /**
   * A damaged sweep folder for {@code dev --resume}.
   *
   * @param name what was damaged
   * @param folder the folder to resume
   * @param anyOf the refusal must contain one of these (the path at fault)
   */
  public record Folder(Category category, String name, Path folder, List<String> anyOf) {

    @Override
    public String toString() {
      return category + " " + name;
    }
  }

  /** A sweep folder as a finished sweep leaves it: every file and folder the damage cases break. */
  private static final List<String> SWEEP_FILES = List.of(
      "spec.json", "leaderboard.json", "trials/t000/trial.json", "trials/t000/model.params",
      "trials/t000/history.json", "trials/t000/train-result.json", "trials/t000/evaluation.json",
      "trials/t000/checkpoints/epoch-0001.ckpt");
  private static final List<String> SWEEP_FOLDERS = List.of("trials", "trials/t000", "trials/t000/checkpoints");

  /**
   * Sweep folders under {@code parent}, each a finished sweep's shape with one thing broken: each
   * file replaced by a folder, each folder by a file, the spec missing, empty, not JSON or behind
   * a byte-order mark, and the sweep folder itself a file or missing. {@code dev --resume} must
   * refuse each with exit 2, naming the path at fault, and change nothing.
   */
  public static List<Folder> damagedSweepFolders(Path parent) {
    List<Folder> out = new ArrayList<>();
    try {
      for (String file : SWEEP_FILES) {
        Path folder = intactSweep(parent, "file-is-a-folder-" + out.size());
        Files.delete(folder.resolve(file));
        Files.createDirectories(folder.resolve(file).resolve("inside"));
        out.add(new Folder(Category.DAMAGED_SWEEP_FOLDER, file + " is a folder", folder, List.of(file)));
      }
      for (String dir : SWEEP_FOLDERS) {
        Path folder = intactSweep(parent, "folder-is-a-file-" + out.size());
        deleteTree(folder.resolve(dir));
        Files.writeString(folder.resolve(dir), "not a folder");
        out.add(new Folder(Category.DAMAGED_SWEEP_FOLDER, dir + " is a file", folder, List.of(dir)));
      }
      Path noSpec = intactSweep(parent, "no-spec");
      Files.delete(noSpec.resolve("spec.json"));
      out.add(new Folder(Category.DAMAGED_SWEEP_FOLDER, "spec.json missing", noSpec, List.of("holds no spec.json")));
      for (String[] text : new String[][] {{"empty", ""}, {"not-json", "{\"name\": "},
          {"bom", "\uFEFF" + BASE}}) {
        Path folder = intactSweep(parent, "spec-" + text[0]);
        Files.writeString(folder.resolve("spec.json"), text[1]);
        out.add(new Folder(Category.DAMAGED_SWEEP_FOLDER, "spec.json " + text[0], folder,
            List.of(text[0].equals("bom") ? "BOM" : "$: ")));
      }
      Path file = parent.resolve("sweep-is-a-file");
      Files.writeString(file, "not a folder");
      out.add(new Folder(Category.DAMAGED_SWEEP_FOLDER, "the sweep folder is a file", file, List.of("is a file")));
      out.add(new Folder(Category.DAMAGED_SWEEP_FOLDER, "no sweep folder", parent.resolve("missing"),
          List.of("no folder at")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(out);
  }

  private static Path intactSweep(Path parent, String name) throws IOException {
    Path folder = parent.resolve(name);
    for (String file : SWEEP_FILES) {
      Files.createDirectories(folder.resolve(file).getParent());
      Files.writeString(folder.resolve(file), file.equals("spec.json") ? BASE : file.endsWith(".json") ? "{}" : "bytes");
    }
    return folder;
  }

  private static void deleteTree(Path root) throws IOException {
    try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /**
   * What a rejection text lacks of what {@code c} expects: null when it names one of {@link
   * Case#anyOf} and all of {@link Case#allOf}.
   */
  public static String lacking(Case c, String rejection) {
    if (c.anyOf().stream().noneMatch(rejection::contains)) {
      return "names none of " + c.anyOf();
    }
    for (String s : c.allOf()) {
      if (!rejection.contains(s)) {
        return "lacks '" + s + "'";
      }
    }
    return null;
  }

  /** Outcomes per category, printed as a table at the end of a run. */
  public static final class Tally {
    private final Map<Category, int[]> counts = new java.util.EnumMap<>(Category.class);
    private final List<String> failures = new ArrayList<>();
    private long slowestMillis;
    private String slowest = "";

    /** Records one case: {@code failure} is null when it was rejected cleanly. */
    public void add(Case c, String failure, long millis) {
      add(c.category(), c.toString(), failure, millis);
    }

    /** Records one damaged folder: {@code failure} is null when it was refused cleanly. */
    public void add(Folder f, String failure, long millis) {
      add(f.category(), f.toString(), failure, millis);
    }

    private void add(Category category, String name, String failure, long millis) {
      int[] n = counts.computeIfAbsent(category, k -> new int[2]);
      n[0]++;
      if (failure == null) {
        n[1]++;
      } else {
        failures.add(name + ": " + failure);
      }
      if (millis > slowestMillis) {
        slowestMillis = millis;
        slowest = name;
      }
    }

    public int total() {
      return counts.values().stream().mapToInt(n -> n[0]).sum();
    }

    public int passed() {
      return counts.values().stream().mapToInt(n -> n[1]).sum();
    }

    public List<String> failures() {
      return List.copyOf(failures);
    }

    /** The table: cases and clean rejections per category, the pass rate and the slowest case. */
    public String table(String title, long totalMillis) {
      StringBuilder s = new StringBuilder(title).append('\n');
      s.append(String.format(java.util.Locale.ROOT, "%-18s %6s %8s%n", "category", "cases", "rejected"));
      counts.forEach((k, n) -> s.append(String.format(java.util.Locale.ROOT, "%-18s %6d %8d%n", k, n[0], n[1])));
      s.append(String.format(java.util.Locale.ROOT, "%-18s %6d %8d  pass rate %.1f%%, %d ms in all, slowest %d ms (%s)%n",
          "total", total(), passed(), total() == 0 ? 0 : 100.0 * passed() / total(), totalMillis, slowestMillis,
          slowest.length() > 80 ? slowest.substring(0, 77) + "..." : slowest));
      failures.stream().limit(40).forEach(f -> s.append("  FAILED ").append(
          f.length() > 400 ? f.substring(0, 397) + "..." : f).append('\n'));
      return s.toString();
    }
  }

  // ---------------------------------------------------------------- categories

  /**
   * Every node of the base, replaced by a value of each JSON kind its position does not allow:
   * string, number, boolean, object, array.
   */
  private void wrongTypes() {
    for (Located at : walk(base())) {
      Set<Kind> allowed = allowedKinds(at);
      for (Kind k : Kind.values()) {
        if (!allowed.contains(k)) {
          ObjectNode doc = base();
          replace(doc, at.path, k.sample());
          add(Category.WRONG_TYPE, render(at.path) + " = " + k.sample(), write(doc), expected(at.path));
        }
      }
    }
  }

  private void missingRequired() {
    List<List<Object>> required = new ArrayList<>(List.of(
        List.of("name"), List.of("dataset"), List.of("model"), List.of("model", "family")));
    for (String param : fieldNames(base().path("search").path("space"))) {
      required.add(List.of("search", "space", param, "type"));
    }
    // Not required by the schema but by the kind: a choice needs values, an int or float min and max.
    required.add(List.of("search", "space", "model.width", "values"));
    required.add(List.of("search", "space", "model.depth", "min"));
    required.add(List.of("search", "space", "model.depth", "max"));
    required.add(List.of("search", "space", "optimizer.learningRate", "max"));
    for (List<Object> path : required) {
      ObjectNode doc = base();
      ((ObjectNode) at(doc, parent(path))).remove((String) last(path));
      add(Category.MISSING_REQUIRED, "remove " + render(path), write(doc), expected(path));
    }
    // A file data set needs its files.
    ObjectNode csv = base();
    csv.putObject("dataset").put("format", "csv");
    add(Category.MISSING_REQUIRED, "remove $.dataset.path", write(csv), List.of("$.dataset.path"));
    ObjectNode idx = base();
    idx.putObject("dataset").put("format", "idx").put("images", "images.idx");
    add(Category.MISSING_REQUIRED, "remove $.dataset.labels", write(idx), List.of("$.dataset.labels"));
  }

  /** An unknown field and a misspelt known one at every object of the base. */
  private void unknownFields() {
    for (Located at : walk(base())) {
      if (!at.node.isObject() || inside(at.path, "when") || isSpace(at.path)) {
        continue;
      }
      List<String> fields = fieldNames(at.node);
      List<String> keys = new ArrayList<>(List.of("bogus"));
      fields.stream().filter(f -> f.length() > 3).findFirst().ifPresent(f -> keys.add(swapped(f)));
      for (String key : keys) {
        ObjectNode doc = base();
        ((ObjectNode) at(doc, at.path)).put(key, 1);
        List<Object> field = append(at.path, key);
        add(Category.UNKNOWN_FIELD, "add " + render(field), write(doc), expected(field));
      }
    }
    // In a search space, an unknown key is a field that cannot be searched.
    for (String key : List.of("model.bogus", "model.widht", "dataset.limit", "seed", "training", "optimizer.schedule")) {
      ObjectNode doc = base();
      ((ObjectNode) doc.at("/search/space")).set(key, json("{'type': 'choice', 'values': [1, 2]}"));
      List<Object> field = List.of("search", "space", key);
      add(Category.UNKNOWN_FIELD, "add " + render(field), write(doc), expected(field));
    }
  }

  /**
   * Numbers just past the bounds their field allows, and values far past any: negative, zero,
   * 1e308, 2^63, a fraction where an integer belongs, and strings of 100,000 characters. Bounds
   * come from the schema; a search parameter's min, max and values are bounded by the field they
   * set. Values that happen to be allowed somewhere (a seed of 0) are left out.
   */
  private void outOfRange() {
    for (Located at : walk(base())) {
      if (at.node.isNumber()) {
        JsonNode schema = boundsOf(at.path);
        if (schema == null) {
          continue;
        }
        for (JsonNode bad : outside(schema)) {
          ObjectNode doc = base();
          replace(doc, at.path, bad);
          add(Category.OUT_OF_RANGE, render(at.path) + " = " + bad, write(doc), expected(at.path));
        }
      } else if (at.node.isTextual()) {
        ObjectNode doc = base();
        replace(doc, at.path, TextNode.valueOf(LONG));
        add(Category.OUT_OF_RANGE, render(at.path) + " = \"a\" x 100000", write(doc), expected(at.path));
      }
    }
    ObjectNode longList = base();
    ArrayNode many = NODES.arrayNode();
    for (int i = 1; i <= 1001; i++) {
      many.add(i);
    }
    obj(longList, "search", "space", "model.width").set("values", many);
    add(Category.OUT_OF_RANGE, "$.search.space['model.width'].values = [1..1001]", write(longList),
        List.of("$.search.space['model.width'].values"));
    ObjectNode deep = base();
    ArrayNode layers = obj(deep, "model").putArray("hiddenLayers");
    for (int i = 0; i < 65; i++) {
      layers.add(8);
    }
    obj(deep, "model").remove(List.of("depth", "width"));
    obj(deep, "search", "space").remove(List.of("model.width", "model.depth"));
    add(Category.OUT_OF_RANGE, "$.model.hiddenLayers = 65 layers", write(deep), List.of("$.model.hiddenLayers"));
  }

  /** Names that are not in their list, at every field that picks one by name. */
  private void unknownNames() {
    List<List<Object>> named = List.of(
        List.of("search", "strategy"), List.of("optimizer", "type"), List.of("model", "activation"),
        List.of("model", "family"), List.of("optimizer", "schedule", "type"), List.of("objective", "metric"),
        List.of("objective", "direction"), List.of("dataset", "name"), List.of("dataset", "normalize"));
    for (List<Object> path : named) {
      String good = at(base(), path).asText();
      for (String bad : List.of("bogus", good.toUpperCase(java.util.Locale.ROOT), good + " ", swapped(good), "")) {
        ObjectNode doc = base();
        replace(doc, path, TextNode.valueOf(bad));
        add(Category.UNKNOWN_NAME, render(path) + " = \"" + bad + "\"", write(doc), expected(path));
      }
    }
    ObjectNode shorthand = base();
    shorthand.put("dataset", "mnist");
    add(Category.UNKNOWN_NAME, "$.dataset = \"mnist\"", write(shorthand), List.of("$.dataset"));
    // Names inside a search space: a choice of kinds, and the values a condition lists.
    String[][] choices = {
        {"optimizer.type", "lbfgs"}, {"model.activation", "swish"}, {"model.family", "transformer"},
        {"optimizer.schedule.type", "cyclic"}, {"model.pooling", "median"}};
    for (String[] c : choices) {
      ObjectNode doc = base();
      ((ObjectNode) doc.at("/search/space")).set(c[0], json("{'type': 'choice', 'values': ['" + c[1] + "']}"));
      List<Object> path = List.of("search", "space", c[0]);
      add(Category.UNKNOWN_NAME, render(path) + " = choice of \"" + c[1] + "\"", write(doc), expected(path));
    }
    ObjectNode when = base();
    ((ArrayNode) when.at("/search/space/optimizer.momentum/when/optimizer.type")).set(0, TextNode.valueOf("nestrov"));
    List<Object> path = List.of("search", "space", "optimizer.momentum", "when", "optimizer.type", 0);
    add(Category.UNKNOWN_NAME, render(path) + " = \"nestrov\"", write(when), expected(path));
  }

  /** Parameters with nothing to draw from: empty lists, empty or inverted ranges, empty conditions. */
  private void emptySpaces() {
    String[][] params = {
        {"model.width", "{'type': 'choice', 'values': []}"},
        {"model.width", "{'type': 'choice'}"},
        {"model.width", "{'type': 'int', 'values': []}"},
        {"model.depth", "{'type': 'int', 'min': 3, 'max': 1}"},
        {"model.depth", "{'type': 'int', 'min': 2, 'max': 2}"},
        {"model.depth", "{'type': 'int', 'min': 1.5, 'max': 1.7}"},
        {"model.depth", "{'type': 'int'}"},
        {"optimizer.learningRate", "{'type': 'float', 'min': 0.1, 'max': 0.001}"},
        {"optimizer.learningRate", "{'type': 'float'}"},
        {"optimizer.learningRate", "{'type': 'float', 'values': []}"},
        {"optimizer.momentum", "{'type': 'float', 'min': 0.8, 'max': 0.95, 'when': {}}"},
        {"optimizer.momentum", "{'type': 'float', 'min': 0.8, 'max': 0.95, 'when': {'optimizer.type': []}}"},
        {"model.width", "{}"},
        {"model.width", "{'type': 'choice', 'values': [[]]}"},
        {"model.hiddenLayers", "{'type': 'choice', 'values': [[]]}"},
    };
    for (String[] p : params) {
      ObjectNode doc = base();
      ((ObjectNode) doc.at("/search/space")).set(p[0], json(p[1]));
      List<Object> path = List.of("search", "space", p[0]);
      add(Category.EMPTY_SPACE, render(path) + " = " + p[1].replace('\'', '"'), write(doc), expected(path));
    }
    ObjectNode grid = base();
    obj(grid, "search").put("strategy", "grid").put("trials", 0);
    add(Category.EMPTY_SPACE, "grid with $.search.trials = 0", write(grid), List.of("$.search.trials"));
  }

  /** Grids of billions of points and more, by ranges, tiny steps, long value lists and many parameters. */
  private void hugeGrids() {
    String[] spaces = {
        "{'model.width': {'type': 'int', 'min': 1, 'max': 16384}, 'model.depth': {'type': 'int', 'min': 1, 'max': 64},"
            + " 'training.epochs': {'type': 'int', 'min': 1, 'max': 100000}}",
        "{'optimizer.learningRate': {'type': 'float', 'min': 0.001, 'max': 1, 'step': 1e-12}}",
        "{'optimizer.learningRate': {'type': 'float', 'min': 0.001, 'max': 1, 'step': 4.9e-324}}",
        "{'model.width': {'type': 'int', 'min': 1, 'max': 16384}, 'training.epochs': {'type': 'int', 'min': 1,"
            + " 'max': 100000}, 'training.batchSize': {'type': 'int', 'min': 1, 'max': 1000000}}",
        "{'model.dropout': {'type': 'float', 'min': 0, 'max': 0.99, 'step': 1e-9},"
            + " 'optimizer.weightDecay': {'type': 'float', 'min': 0, 'max': 1, 'step': 1e-9}}",
        "{'optimizer.type': {'type': 'choice', 'values': ['sgd', 'momentum']},"
            + " 'optimizer.momentum': {'type': 'float', 'min': 0, 'max': 0.99, 'step': 1e-12,"
            + " 'when': {'optimizer.type': ['momentum']}}}",
    };
    for (int i = 0; i < spaces.length; i++) {
      ObjectNode doc = base();
      obj(doc, "search").put("strategy", "grid").remove("trials");
      obj(doc, "search").set("space", json(spaces[i]));
      add(Category.HUGE_GRID, "grid " + i + " " + spaces[i].replace('\'', '"'), write(doc), List.of("$.search.space"));
    }
    // Many parameters, each a long list of values: 1000^k points, up to the most the schema allows
    // (100 parameters, the last 94 of them fields that cannot be searched).
    for (int k : new int[] {2, 3, 4, 5, 6, 100}) {
      ObjectNode doc = base();
      obj(doc, "search").put("strategy", "grid").put("trials", 10);
      ObjectNode space = obj(doc, "search").putObject("space");
      List<String> fields = List.of("model.width", "training.epochs", "training.batchSize", "training.checkpointEvery",
          "optimizer.learningRate", "model.dropout");
      for (int f = 0; f < k; f++) {
        String field = f < fields.size() ? fields.get(f) : "model.p" + f;
        boolean real = field.contains("Rate") || field.contains("dropout");
        ArrayNode values = space.putObject(field).put("type", real ? "float" : "int").putArray("values");
        for (int v = 1; v <= 1000; v++) {
          values.add(real ? v / 1001.0 : v);
        }
      }
      add(Category.HUGE_GRID, "grid of " + k + " parameters x 1000 values", write(doc), List.of("$.search.space"));
    }
  }

  /** Conditions on parameters that do not exist, come later, are continuous, or take other values. */
  private void badConditions() {
    String[] whens = {
        "{'model.bogus': [1]}",
        "{'optimizer.typ': ['momentum']}",
        "{'optimizer.momentum': [0.9]}",
        "{'optimizer.learningRate': [0.001]}",
        "{'optimizer.type': ['momentum'], 'model.nothing': ['x']}",
        "{'optimizer.type': [7]}",
        "{'optimizer.type': [null]}",
        "{'optimizer.type': ['adamw']}",
        "{'model.depth': [4]}",
        "{'dataset.name': ['digits']}",
        "{'': ['momentum']}",
    };
    for (String w : whens) {
      ObjectNode doc = base();
      ((ObjectNode) doc.at("/search/space/optimizer.momentum")).set("when", json(w));
      List<Object> path = List.of("search", "space", "optimizer.momentum", "when");
      add(Category.BAD_CONDITION, render(path) + " = " + w.replace('\'', '"'), write(doc), expected(path));
    }
    // A condition on a parameter declared after it.
    ObjectNode later = base();
    ((ObjectNode) later.at("/search/space/model.width")).set("when", json("{'model.depth': [1]}"));
    List<Object> path = List.of("search", "space", "model.width", "when");
    add(Category.BAD_CONDITION, render(path) + " names a later parameter", write(later), expected(path));
    // A condition on itself.
    ObjectNode self = base();
    ((ObjectNode) self.at("/search/space/model.depth")).set("when", json("{'model.depth': [1]}"));
    path = List.of("search", "space", "model.depth", "when");
    add(Category.BAD_CONDITION, render(path) + " names itself", write(self), expected(path));
    // Too many conditions.
    ObjectNode many = base();
    ObjectNode w = ((ObjectNode) many.at("/search/space/optimizer.momentum")).putObject("when");
    for (int i = 0; i < 11; i++) {
      w.putArray("model.p" + i).add(1);
    }
    path = List.of("search", "space", "optimizer.momentum", "when");
    add(Category.BAD_CONDITION, render(path) + " with 11 conditions", write(many), expected(path));
  }

  /**
   * Text that is not one JSON object: the base cut short at 40 places, a trailing comma after
   * every object and list, NaN and infinities at every number, a duplicate key in every object,
   * and a few hand-written ones.
   */
  private void malformedJson() {
    // SpecParser says "malformed JSON at line 1, column 23"; a workflow's data converter reads the
    // payload before SpecParser sees it and reports Jackson's own "[Source: ...; line: 1, column: 23]".
    List<String> where = List.of("malformed JSON at line", "empty document", "$: must be an object", "; line: ");
    String text = write(base());
    for (int i = 1; i <= 40; i++) {
      int cut = text.length() * i / 41;
      add(Category.MALFORMED_JSON, "cut at " + cut, text.substring(0, cut), where);
    }
    for (Located at : walk(base())) {
      if (at.node instanceof ContainerNode<?> c && c.size() > 0) {
        ObjectNode doc = base();
        JsonNode container = at(doc, at.path);
        String trailing;
        if (container instanceof ObjectNode o) {
          o.put(MARK, 0);
          trailing = write(doc).replace(",\"" + MARK + "\":0}", ",}");
        } else {
          ((ArrayNode) container).add(MARK);
          trailing = write(doc).replace(",\"" + MARK + "\"]", ",]");
        }
        add(Category.MALFORMED_JSON, "trailing comma in " + render(at.path), trailing, where);
      }
      if (at.node instanceof ObjectNode o && o.size() > 0) {
        ObjectNode doc = base();
        ObjectNode obj = (ObjectNode) at(doc, at.path);
        Map.Entry<String, JsonNode> first = o.properties().iterator().next();
        obj.put(MARK, 0);
        String duplicate = write(doc).replace("\"" + MARK + "\":0",
            write(TextNode.valueOf(first.getKey())) + ":" + write(first.getValue()));
        add(Category.MALFORMED_JSON, "duplicate key " + render(append(at.path, first.getKey())), duplicate, where);
      }
      if (at.node.isNumber()) {
        for (String literal : List.of("NaN", "Infinity", "-Infinity")) {
          ObjectNode doc = base();
          replace(doc, at.path, TextNode.valueOf(MARK));
          add(Category.MALFORMED_JSON, render(at.path) + " = " + literal,
              write(doc).replace("\"" + MARK + "\"", literal), where);
        }
      }
    }
    String[] texts = {
        "", "   ", "null", "[]", "42", "\"digits\"", "true", "{", "}", "{}{}", text + " x", text + text,
        text.replace("\"name\"", "name"), text.replace('"', '\''), "// comment\n" + text, "/* c */" + text,
        text.replace("\"malformed-base\"", "\"malformed\nbase\""), "\u0000" + text, text.replace(":", "="),
        text.replace("\"seed\":7", "\"seed\":07"), text.replace("\"seed\":7", "\"seed\":0x7"),
        text.replace("\"seed\":7", "\"seed\":+7"), text.replace("\"seed\":7", "\"seed\":.7"),
        text.replace("\"batchNorm\":false", "\"batchNorm\":False"),
        text.replace("\"batchNorm\":false", "\"batchNorm\":undefined"),
    };
    for (int i = 0; i < texts.length; i++) {
      add(Category.MALFORMED_JSON, "text " + i + ": "
          + (texts[i].length() > 40 ? texts[i].substring(0, 40).replace('\n', ' ') + "..." : texts[i]),
          texts[i], where);
    }
  }

  // ---------------------------------------------------------------- the base and paths

  /** A node of the base document and its path of field names and indices. */
  private record Located(List<Object> path, JsonNode node) {}

  /** Every node below the root, parents before children. */
  private static List<Located> walk(JsonNode root) {
    List<Located> out = new ArrayList<>();
    walk(List.of(), root, out);
    return out;
  }

  private static void walk(List<Object> path, JsonNode node, List<Located> out) {
    if (!path.isEmpty()) {
      out.add(new Located(path, node));
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        walk(append(path, e.getKey()), e.getValue(), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(append(path, i), node.get(i), out);
      }
    }
  }

  static ObjectNode base() {
    return (ObjectNode) parseLenient(BASE);
  }

  private enum Kind {
    STRING(TextNode.valueOf("x")),
    NUMBER(IntNode.valueOf(1)),
    BOOLEAN(BooleanNode.TRUE),
    OBJECT(NODES.objectNode()),
    ARRAY(NODES.arrayNode());

    private final JsonNode sample;

    Kind(JsonNode sample) {
      this.sample = sample;
    }

    JsonNode sample() {
      return sample.deepCopy();
    }

    static Kind of(JsonNode n) {
      return n.isTextual() ? STRING : n.isNumber() ? NUMBER : n.isBoolean() ? BOOLEAN : n.isObject() ? OBJECT : ARRAY;
    }
  }

  /**
   * The kinds the schema allows at a position; where it allows any JSON (a choice's values, a
   * condition's values) the kind of the base value, since the field being set takes only that.
   */
  private static Set<Kind> allowedKinds(Located at) {
    Set<Kind> out = new LinkedHashSet<>();
    JsonNode schema = inside(at.path, "values") || inside(at.path, "when") ? null : SpecSchema.at(at.path);
    if (schema != null) {
      for (String t : SpecSchema.types(schema)) {
        out.add(switch (t) {
          case "string" -> Kind.STRING;
          case "integer", "number" -> Kind.NUMBER;
          case "boolean" -> Kind.BOOLEAN;
          case "object" -> Kind.OBJECT;
          default -> Kind.ARRAY;
        });
      }
      JsonNode values = schema.has("enum") ? schema.get("enum") : null;
      if (values != null) {
        values.forEach(v -> out.add(Kind.of(v)));
      }
    }
    if (out.isEmpty()) {
      out.add(Kind.of(at.node));
    }
    return out;
  }

  /**
   * The schema whose bounds a number at {@code path} must keep: its own, or, for a search
   * parameter's min, max and values, the field the parameter sets. Null when it has no bounds.
   */
  private static JsonNode boundsOf(List<Object> path) {
    JsonNode schema;
    if (path.size() >= 5 && path.get(0).equals("search") && path.get(1).equals("space")
        && List.of("min", "max", "values").contains(path.get(3))) {
      schema = SpecSchema.settableField((String) path.get(2));
    } else {
      schema = SpecSchema.at(path);
    }
    if (schema == null || !(schema.has("minimum") || schema.has("exclusiveMinimum") || schema.has("maximum")
        || schema.has("exclusiveMaximum"))) {
      return null;
    }
    return schema;
  }

  /** Numbers outside a schema's bounds, from just past them to far past: none that it allows. */
  private static List<JsonNode> outside(JsonNode schema) {
    boolean integer = SpecSchema.types(schema).contains("integer");
    List<JsonNode> candidates = new ArrayList<>(List.of(
        IntNode.valueOf(-1), IntNode.valueOf(0), DoubleNode.valueOf(1e308), DoubleNode.valueOf(-1e308),
        BigIntegerNode.valueOf(TWO_TO_63), BigIntegerNode.valueOf(TWO_TO_63.negate().subtract(BigInteger.ONE))));
    if (schema.has("maximum")) {
      candidates.add(DoubleNode.valueOf(schema.get("maximum").doubleValue() + (integer ? 1 : 1e-6)));
    }
    if (schema.has("minimum")) {
      candidates.add(DoubleNode.valueOf(schema.get("minimum").doubleValue() - (integer ? 1 : 1e-6)));
    }
    if (integer) {
      candidates.add(DoubleNode.valueOf(1.5));
    }
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode c : candidates) {
      double v = c.doubleValue();
      boolean allowed = (!schema.has("minimum") || v >= schema.get("minimum").doubleValue())
          && (!schema.has("exclusiveMinimum") || v > schema.get("exclusiveMinimum").doubleValue())
          && (!schema.has("maximum") || v <= schema.get("maximum").doubleValue())
          && (!schema.has("exclusiveMaximum") || v < schema.get("exclusiveMaximum").doubleValue())
          && (!integer || (c.canConvertToExactIntegral() && Math.rint(v) == v));
      if (!allowed && out.stream().noneMatch(o -> o.doubleValue() == v)) {
        out.add(integer && c.isDouble() && Math.rint(v) == v && Math.abs(v) < 1e15 ? IntNode.valueOf((int) v) : c);
      }
    }
    return out;
  }

  /** The JSON path a rejection must name: the broken field's own. */
  private static List<String> expected(List<Object> path) {
    return List.of(render(path));
  }

  private static boolean inside(List<Object> path, String key) {
    return path.contains(key);
  }

  private static boolean isSpace(List<Object> path) {
    return path.equals(List.of("search", "space"));
  }

  static String render(List<Object> path) {
    return Problems.path(path);
  }

  private static List<Object> append(List<Object> path, Object segment) {
    List<Object> out = new ArrayList<>(path);
    out.add(segment);
    return List.copyOf(out);
  }

  private static List<Object> parent(List<Object> path) {
    return path.subList(0, path.size() - 1);
  }

  private static Object last(List<Object> path) {
    return path.get(path.size() - 1);
  }

  /** The object at field names {@code path} of {@code doc}. */
  private static ObjectNode obj(ObjectNode doc, String... path) {
    return (ObjectNode) at(doc, List.of((Object[]) path));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static JsonNode at(JsonNode doc, List<Object> path) {
    return SpecSchema.nodeAt(doc, path);
  }

  private static void replace(ObjectNode doc, List<Object> path, JsonNode value) {
    JsonNode parent = at(doc, parent(path));
    if (last(path) instanceof Integer i) {
      ((ArrayNode) parent).set(i, value);
    } else {
      ((ObjectNode) parent).set((String) last(path), value);
    }
  }

  /** {@code name} with its second and third letters swapped, the commonest typo. */
  private static String swapped(String name) {
    return name.length() < 3 ? name + name : name.charAt(0) + "" + name.charAt(2) + name.charAt(1) + name.substring(3);
  }

  private void add(Category category, String name, String json, List<String> anyOf) {
    add(category, name, json, anyOf, List.of());
  }

  private void add(Category category, String name, String json, List<String> anyOf, List<String> allOf) {
    String unique = name.length() > 160 ? name.substring(0, 157) + "..." : name;
    if (!names.add(category + " " + unique)) {
      throw new IllegalStateException("two cases named " + unique);
    }
    cases.add(new Case(category, unique, json, List.copyOf(anyOf), List.copyOf(allOf)));
  }

  private static String write(JsonNode node) {
    try {
      return SpecParser.mapper().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(String singleQuoted) {
    return SpecFixtures.json(singleQuoted);
  }

  private static JsonNode parseLenient(String text) {
    try {
      return SpecParser.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
