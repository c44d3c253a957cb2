package dev.modelsweep.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How far a spec reaches: the hidden layers, layer widths and epochs its trials can get, each with
 * the JSON path that sets it, over its base configuration and every value of its search space. A
 * worker's limits compare these with its caps. The bound is conservative: values that conditions
 * keep apart are still counted together (a conditional {@code model.convBlocks} of 6 doubles a
 * {@code model.channels} that may never appear beside it). Pure and deterministic.
 */
public final class SpecReach {

  /**
   * Where a spec sets a value of one kind, and the largest value it sets there.
   *
   * @param path the JSON path, e.g. {@code $.search.space['model.width']}
   * @param value the largest value
   * @param what the value in words, e.g. {@code reaches 4096 units}
   * @param fix what to change to lower it, e.g. {@code lower the range}
   */
  public record Source(String path, long value, String what, String fix) {}

  private final ModelSpec model;
  private final TrainingSpec training;
  private final SearchSpace space;
  private final Map<String, ParamSpec> params;

  /** @param spec a spec that {@link SpecParser} accepted */
  public SpecReach(SweepSpec spec) {
    this.model = spec.model();
    this.training = spec.training() == null ? TrainingSpec.DEFAULT : spec.training();
    this.space = SearchSpace.of(spec.searchOrDefault());
    this.params = spec.searchOrDefault().spaceOrEmpty();
  }

  /** Hidden layers: MLP hidden layers, or CNN convolution blocks. */
  public List<Source> layers() {
    List<Source> out = new ArrayList<>();
    if (reaches(ModelSpec.Family.MLP)) {
      if (model.hiddenLayers() != null && !alwaysSet("model.hiddenLayers")) {
        out.add(new Source("$.model.hiddenLayers", model.hiddenLayers().size(),
            model.hiddenLayers().size() + " hidden layers", "list fewer"));
      }
      if (gridFormApplies()) {
        out.add(base("model.depth", model.depth(), ModelSpec.DEFAULT_DEPTH, "hidden layers"));
      }
      out.addAll(searched("model.depth", ModelSpec.DEFAULT_DEPTH, "hidden layers"));
      listSource("model.hiddenLayers", List::size, "hidden layers").ifPresent(out::add);
    }
    if (reaches(ModelSpec.Family.CNN)) {
      out.addAll(blocks());
    }
    return out;
  }

  /** Widths: MLP and dense-head units, or the channels of a CNN's last (widest) block. */
  public List<Source> widths() {
    List<Source> out = new ArrayList<>();
    if (reaches(ModelSpec.Family.MLP)) {
      if (model.hiddenLayers() != null && !alwaysSet("model.hiddenLayers")) {
        long widest = widest(model.hiddenLayers());
        out.add(new Source("$.model.hiddenLayers", widest, "has a layer of " + widest + " units", "narrow it"));
      }
      if (gridFormApplies()) {
        out.add(base("model.width", model.width(), ModelSpec.DEFAULT_WIDTH, "units"));
      }
      out.addAll(searched("model.width", ModelSpec.DEFAULT_WIDTH, "units"));
      listSource("model.hiddenLayers", SpecReach::widest, "units").ifPresent(out::add);
    }
    if (reaches(ModelSpec.Family.CNN)) {
      long blocks = blocks().stream().mapToLong(Source::value).max().orElse(ModelSpec.DEFAULT_BLOCKS);
      List<Source> channels = new ArrayList<>();
      if (!alwaysSet("model.channels")) {
        channels.add(base("model.channels", model.channels(), ModelSpec.DEFAULT_CHANNELS, "channels"));
      }
      channels.addAll(searched("model.channels", ModelSpec.DEFAULT_CHANNELS, "channels"));
      for (Source c : channels) {
        // Channels double per block, so the last block is the widest layer.
        long last = blocks >= 63 ? Long.MAX_VALUE : c.value() << (blocks - 1);
        out.add(new Source(c.path(), last,
            "reaches " + last + " channels in the last block (" + c.value() + " doubling over " + blocks + " blocks)",
            "lower model.channels or model.convBlocks"));
      }
      if (!alwaysSet("model.dense")) {
        List<Integer> dense = model.denseOrDefault();
        long widest = widest(dense);
        out.add(new Source("$.model.dense", widest,
            (model.dense() == null ? "defaults to a dense layer of " : "has a dense layer of ") + widest + " units",
            model.dense() == null ? "set model.dense" : "narrow it"));
      }
      listSource("model.dense", SpecReach::widest, "units").ifPresent(out::add);
    }
    return out;
  }

  /** Epochs per trial. */
  public List<Source> epochs() {
    List<Source> out = new ArrayList<>();
    if (!alwaysSet("training.epochs")) {
      out.add(base("training.epochs", training.epochs(), TrainingSpec.DEFAULT.epochsOrDefault(), "epochs"));
    }
    out.addAll(searched("training.epochs", TrainingSpec.DEFAULT.epochsOrDefault(), "epochs"));
    return out;
  }

  private List<Source> blocks() {
    List<Source> out = new ArrayList<>();
    if (!alwaysSet("model.convBlocks")) {
      out.add(base("model.convBlocks", model.convBlocks(), ModelSpec.DEFAULT_BLOCKS, "conv blocks"));
    }
    out.addAll(searched("model.convBlocks", ModelSpec.DEFAULT_BLOCKS, "conv blocks"));
    return out;
  }

  /** The base family, or any family the space can pick. */
  private boolean reaches(ModelSpec.Family family) {
    if (model.family() == family) {
      return true;
    }
    if (!params.containsKey("model.family")) {
      return false;
    }
    String name = SpecJson.MAPPER.convertValue(family, String.class);
    SearchSpace.Domain d = space.domain("model.family");
    return d instanceof SearchSpace.Values v && v.nodes().stream().anyMatch(n -> n.asText().equals(name));
  }

  /**
   * Whether an MLP's depth and width (given or default) can apply: the base has no hidden
   * layer list, or a searched depth or width replaces it.
   */
  private boolean gridFormApplies() {
    return model.hiddenLayers() == null || params.containsKey("model.depth") || params.containsKey("model.width");
  }

  /** A parameter on {@code field} that every trial has: the base value of the field never applies. */
  private boolean alwaysSet(String field) {
    ParamSpec p = params.get(field);
    return p != null && p.whenOrEmpty().isEmpty();
  }

  private static Source base(String field, Integer given, int dflt, String unit) {
    String path = "$." + field;
    return given != null
        ? new Source(path, given, given + " " + unit, "lower it")
        : new Source(path, dflt, "defaults to " + dflt + " " + unit, "set " + field + " lower");
  }

  /** The largest number a searched parameter takes; {@code null} values (the default) count as {@code dflt}. */
  private List<Source> searched(String field, int dflt, String unit) {
    if (!params.containsKey(field)) {
      return List.of();
    }
    SearchSpace.Domain d = space.domain(field);
    long max;
    String fix = "lower the range";
    if (d instanceof SearchSpace.Values v) {
      max = v.nodes().stream().mapToLong(n -> n.isNumber() ? (long) Math.floor(n.doubleValue()) : dflt).max()
          .orElse(dflt);
      fix = "drop the larger values";
    } else if (d instanceof SearchSpace.IntRange r) {
      max = r.min() + (r.count() - 1) * r.step();
    } else if (d instanceof SearchSpace.FloatGrid g) {
      max = (long) Math.floor(g.max());
    } else {
      max = (long) Math.floor(((SearchSpace.FloatRange) d).max());
    }
    return List.of(new Source(spacePath(field), max, "reaches " + max + " " + unit, fix));
  }

  /** The largest measure of the lists a choice parameter such as {@code model.hiddenLayers} takes. */
  private Optional<Source> listSource(String field, Measure measure, String unit) {
    if (!params.containsKey(field) || !(space.domain(field) instanceof SearchSpace.Values v)) {
      return Optional.empty();
    }
    long max = 0;
    for (JsonNode n : v.nodes()) {
      List<Integer> list = new ArrayList<>();
      if (n.isArray()) {
        n.forEach(e -> list.add(e.asInt()));
      } else {
        // null: the field's default
        list.addAll(field.equals("model.dense") ? ModelSpec.DEFAULT_DENSE : Collections.nCopies(ModelSpec.DEFAULT_DEPTH, ModelSpec.DEFAULT_WIDTH));
      }
      max = Math.max(max, measure.of(list));
    }
    return Optional.of(new Source(spacePath(field), max, "reaches " + max + " " + unit, "drop the larger values"));
  }

  @FunctionalInterface
  private interface Measure {
    long of(List<Integer> widths);
  }

  private static long widest(List<Integer> widths) {
    return widths.stream().mapToLong(Integer::longValue).max().orElse(0);
  }

  private static String spacePath(String field) {
    return Problems.field("$.search.space", field);
  }
}
