package dev.modelsweep.worker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelsweep.spec.SpecParser;
import java.util.Locale;
import java.util.Map;

/**
 * The equal-budget protocols of {@code modelsweep bench search}, and the spec of one run: pure,
 * so that what a combination means is unit-tested apart from training.
 *
 * <p>{@code letter} is the protocol of the Optuna comparison in the README (bench search): a stratified 60/20/20 split, an MLP of 1-3 layers x {32,
 * 64, 128, 256}, relu or tanh, sgd, momentum or adam, a log learning rate in [1e-4, 0.3], batch
 * 32, 64 or 128, at most 27 epochs per trial and a budget of 810 epochs (30 full trials). {@code
 * digits} is the same search on the built-in digits with at most 20 epochs and 400 epochs of
 * budget.
 *
 * @param dataset the built-in data set
 * @param epochs the most epochs one trial trains
 * @param budget the epochs all trials together may train
 */
public record SearchProtocol(String dataset, int epochs, int budget) {

  public static final Map<String, SearchProtocol> BY_NAME = Map.of(
      "letter", new SearchProtocol("letter", 27, 810),
      "digits", new SearchProtocol("digits", 20, 400));

  /** The spec's parts that every run shares; search and seed are filled in per run. */
  private static final String BASE = """
      {"dataset": {"name": "%s", "validationFraction": 0.2, "testFraction": 0.2, "normalize": "standard"},
       "model": {"family": "mlp"},
       "training": {"epochs": %d, "batchSize": 32, "checkpointEvery": %d},
       "optimizer": {"type": "adam"},
       "search": {"space": {
         "model.depth": {"type": "int", "min": 1, "max": 3},
         "model.width": {"type": "choice", "values": [32, 64, 128, 256]},
         "model.activation": {"type": "choice", "values": ["relu", "tanh"]},
         "optimizer.type": {"type": "choice", "values": ["sgd", "momentum", "adam"]},
         "optimizer.learningRate": {"type": "float", "min": 0.0001, "max": 0.3, "log": true},
         "training.batchSize": {"type": "choice", "values": [32, 64, 128]}}},
       "objective": {"metric": "val_accuracy"}}
      """;

  /** The protocol named {@code name}, or an error that lists the known ones. */
  public static SearchProtocol named(String name) {
    SearchProtocol p = BY_NAME.get(name);
    if (p == null) {
      throw new IllegalArgumentException("--dataset: unknown protocol '" + name + "'; use letter or digits");
    }
    return p;
  }

  /** This protocol with another budget (at least one trial's epochs). */
  public SearchProtocol withBudget(int epochBudget) {
    if (epochBudget < epochs) {
      throw new IllegalArgumentException("--budget: " + epochBudget + " epochs is less than one trial of " + epochs
          + "; give at least " + epochs);
    }
    return new SearchProtocol(dataset, epochs, epochBudget);
  }

  /**
   * The spec of one run as JSON. A combination is a strategy ({@code "tpe"}) or a strategy and an
   * early-stopping type ({@code "tpe+asha"}). Without early stopping every trial trains all its
   * epochs, so the budget is {@code budget / epochs} trials; with it the sweep gets {@code
   * search.earlyStopping: {"type": Y}} and {@code search.epochBudget: budget}, and a trial budget
   * it cannot reach ({@code budget}), so the epochs are what runs out.
   *
   * @param slots trials trained at once ({@code search.maxConcurrent})
   */
  public JsonNode spec(String combination, long seed, int slots) {
    String[] parts = combination.split("\\+", -1);
    if (parts.length > 2 || parts[0].isEmpty() || (parts.length == 2 && parts[1].isEmpty())) {
      throw new IllegalArgumentException("--combos: '" + combination
          + "' is not STRATEGY or STRATEGY+EARLY_STOPPING, such as tpe or tpe+asha");
    }
    ObjectNode doc = (ObjectNode) parse(String.format(Locale.ROOT, BASE, dataset, epochs, epochs));
    doc.put("name", String.format(Locale.ROOT, "bench-%s-%s-s%d", dataset, combination.replace('+', '_'), seed));
    doc.put("seed", seed);
    ObjectNode search = (ObjectNode) doc.get("search");
    search.put("strategy", parts[0]);
    search.put("maxConcurrent", slots);
    if (parts.length == 1) {
      search.put("trials", budget / epochs);
    } else {
      search.put("trials", budget);
      search.putObject("earlyStopping").put("type", parts[1]);
      search.put("epochBudget", budget);
    }
    return doc;
  }

  private static JsonNode parse(String json) {
    try {
      return SpecParser.mapper().readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the protocol's own JSON is malformed", e);
    }
  }
}
