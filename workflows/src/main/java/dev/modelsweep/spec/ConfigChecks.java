package dev.modelsweep.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Semantic rules of one trial configuration (dataset, model, training, optimizer) that the schema
 * cannot say: which fields go together, and which values fit the data. Run on the sweep's base
 * configuration and on every candidate a search parameter can produce, always on documents that
 * already passed the schema, so fields have the right types.
 */
final class ConfigChecks {

  /**
   * Built-in data sets that are images, with their per-example shape; the others are tabular.
   * Sorted, because messages list them and workflow code must say the same thing every time.
   */
  static final Map<String, List<Integer>> BUILTIN_IMAGE_SHAPES = new TreeMap<>(Map.of("digits", List.of(1, 8, 8)));

  private static final List<String> BUILTIN_ONLY_FORBIDS =
      List.of("path", "format", "label", "header", "images", "labels", "shape");
  private static final List<String> CSV_ONLY = List.of("path", "label", "header", "shape");
  private static final List<String> IDX_ONLY = List.of("images", "labels");

  private ConfigChecks() {}

  /** Checks the {@code dataset}, {@code model}, {@code training} and {@code optimizer} of {@code doc}. */
  static void check(JsonNode doc, Problems out) {
    JsonNode dataset = doc.path("dataset");
    dataset(dataset, out);
    for (FieldRules.Kinded k : FieldRules.KINDED) {
      kindFields(doc, k, out);
      if (k.path().equals("model")) {
        model(doc.path("model"), dataset, out);
      }
    }
    schedule(doc.path("optimizer"), out);
  }

  // ---------------------------------------------------------------- dataset

  private static void dataset(JsonNode ds, Problems out) {
    if (!ds.isObject()) {
      return; // the string shorthand names a built-in set, which the schema checked
    }
    String at = "$.dataset";
    if (ds.has("name")) {
      for (String f : BUILTIN_ONLY_FORBIDS) {
        if (ds.has(f)) {
          out.add(Problems.field(at, f), "not allowed with a built-in data set (name \"" + ds.get("name").asText()
              + "\"); remove it, or remove name to load a file");
        }
      }
    } else if (!ds.has("path") && !ds.has("images") && !ds.has("labels") && !ds.has("format")) {
      out.add(at, "names no data; give a built-in name (" + String.join(", ", builtinNames())
          + "), a CSV file as path, or IDX files as images and labels with format idx");
    } else {
      String format = ds.path("format").asText("csv");
      List<String> required = format.equals("idx") ? IDX_ONLY : List.of("path");
      List<String> forbidden = format.equals("idx") ? CSV_ONLY : IDX_ONLY;
      String other = format.equals("idx") ? "csv" : "idx";
      for (String f : required) {
        if (!ds.has(f)) {
          out.add(Problems.field(at, f), "required for format " + format
              + (ds.has("format") ? "" : " (the default when format is left out)"));
        }
      }
      for (String f : forbidden) {
        if (ds.has(f)) {
          out.add(Problems.field(at, f), "applies only to format " + other + ", not " + format
              + "; remove it or set dataset.format to " + other);
        }
      }
    }
    DatasetSpec spec = bind(ds, DatasetSpec.class);
    double v = spec.validationFractionOrDefault();
    double t = spec.testFractionOrDefault();
    if (v + t >= 1) {
      String field = ds.has("testFraction") ? "testFraction" : "validationFraction";
      out.add(Problems.field(at, field), "validationFraction + testFraction must be below 1 to leave rows to train on, got "
          + num(v) + " + " + num(t) + " = " + num(v + t));
    }
  }

  private static List<String> builtinNames() {
    List<String> out = new ArrayList<>();
    SpecSchema.root().at("/$defs/builtinDataset/enum").forEach(n -> out.add(n.asText()));
    return out;
  }

  // ---------------------------------------------------------------- fields of a kind

  private static void kindFields(JsonNode doc, FieldRules.Kinded k, Problems out) {
    JsonNode obj = doc.at("/" + k.path().replace('.', '/'));
    if (!obj.isObject()) {
      return;
    }
    boolean defaulted = !obj.has(k.kindField());
    String kind = defaulted ? k.defaultKind() : obj.get(k.kindField()).asText();
    if (kind == null) {
      return; // a required kind is missing: the schema said so
    }
    String at = "$." + k.path();
    for (String field : iterable(obj)) {
      List<String> using = k.kindsUsing(field);
      if (!using.contains(kind)) {
        out.add(Problems.field(at, field), "applies only to " + k.kindPath() + " " + String.join(" or ", using)
            + ", not " + kind + (defaulted ? " (the default)" : "") + "; remove it or set " + k.kindPath()
            + " to " + (using.size() == 1 ? using.get(0) : "one of those"));
      }
    }
  }

  // ---------------------------------------------------------------- model

  private static void model(JsonNode model, JsonNode dataset, Problems out) {
    if (!model.isObject()) {
      return;
    }
    String family = model.path("family").asText();
    if (family.equals("mlp") && model.has("hiddenLayers")) {
      for (String f : FieldRules.MLP_GRID_FORM) {
        if (model.has(f)) {
          out.add("$.model." + f, "cannot be combined with model.hiddenLayers; give either hiddenLayers "
              + "(one width per layer) or depth and width");
        }
      }
    }
    if (!family.equals("cnn")) {
      return;
    }
    ModelSpec spec = bind(model, ModelSpec.class);
    if (spec.kernelOrDefault() % 2 == 0) {
      out.add("$.model.kernel", "must be odd (1, 3, 5, ...) so that padding keeps the image size, got "
          + spec.kernelOrDefault());
    }
    List<Integer> shape = imageShape(dataset, out);
    if (shape != null && spec.poolingOrDefault() != ModelSpec.Pooling.NONE) {
      int side = Math.min(shape.get(1), shape.get(2));
      int blocks = spec.blockChannels().size();
      int maxBlocks = 31 - Integer.numberOfLeadingZeros(side); // floor(log2(side))
      if (blocks > maxBlocks) {
        out.add("$.model.convBlocks", blocks + " blocks of 2x2 pooling shrink " + shape.get(1) + "x" + shape.get(2)
            + " images below 1x1" + (model.has("convBlocks") ? "" : " (2 is the default)")
            + "; use at most " + maxBlocks + (maxBlocks == 1 ? " block" : " blocks") + ", or pooling none, got "
            + blocks);
      }
    }
  }

  /** The image shape the data will have, or null when only the data file knows (IDX) or it is tabular. */
  private static List<Integer> imageShape(JsonNode ds, Problems out) {
    String name = ds.isTextual() ? ds.asText() : ds.path("name").asText(null);
    if (name != null) {
      List<Integer> shape = BUILTIN_IMAGE_SHAPES.get(name);
      if (shape == null) {
        out.add("$.model.family", "cnn needs image data, and the built-in \"" + name + "\" is tabular; use family mlp, "
            + "or image data: " + String.join(", ", BUILTIN_IMAGE_SHAPES.keySet())
            + ", IDX files, or a CSV with dataset.shape");
      }
      return shape;
    }
    if (ds.path("format").asText("csv").equals("idx")) {
      return null;
    }
    if (!ds.has("shape")) {
      out.add("$.dataset.shape", "required when model.family is cnn: the [channels, height, width] of each row's "
          + "features");
      return null;
    }
    return bind(ds, DatasetSpec.class).shape();
  }

  // ---------------------------------------------------------------- optimizer

  private static void schedule(JsonNode optimizer, Problems out) {
    JsonNode schedule = optimizer.path("schedule");
    if (!schedule.has("minLearningRate")) {
      return;
    }
    OptimizerSpec spec = bind(optimizer, OptimizerSpec.class);
    double floor = spec.scheduleOrDefault().minLearningRateOrDefault();
    double peak = spec.learningRateOrDefault();
    if (floor >= peak) {
      out.add("$.optimizer.schedule.minLearningRate", "must be below the learning rate " + num(peak)
          + (optimizer.has("learningRate") ? "" : " (the default for " + SpecJson.MAPPER.convertValue(spec.typeOrDefault(), String.class) + ")")
          + " that the schedule decays from, got " + num(floor));
    }
  }

  // ---------------------------------------------------------------- helpers

  private static <T> T bind(JsonNode node, Class<T> type) {
    try {
      return SpecJson.MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      // The schema passed this node, so the records and the schema disagree: a bug, not user error.
      throw new IllegalStateException("schema-valid " + type.getSimpleName() + " does not bind: " + e.getOriginalMessage(), e);
    }
  }

  private static Iterable<String> iterable(JsonNode obj) {
    List<String> names = new ArrayList<>();
    obj.fieldNames().forEachRemaining(names::add);
    return names;
  }

  static String num(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
