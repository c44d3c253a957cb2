package dev.modelsweep.activities.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.activities.data.SplitDataset;
import dev.modelsweep.activities.model.Network;
import dev.modelsweep.activities.model.ParameterArrays;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * How a fine-tuned trial starts: the first {@code keepLayers} layers (hidden layers of an MLP,
 * convolution blocks of a CNN, each with its batch norm) copied from a source model, frozen or
 * trained at {@code bodyLearningRateScale} times the head's rate; every other layer, the head
 * included, keeps its seeded initialisation, so a target with other classes gets a new head.
 *
 * @param source the model to start from
 * @param sourceClasses the source's output units (its head is not taken, but its weights must load)
 * @param keepLayers layers to take, or null for all the target's hidden layers or blocks
 * @param freeze whether the taken layers stay as they are
 * @param bodyLearningRateScale the taken layers' rate as a multiple of the head's
 */
record FineTuning(SourceModels.Source source, int sourceClasses, Integer keepLayers, boolean freeze,
    double bodyLearningRateScale) {

  /**
   * A network's trainable parameters by what training does with them.
   *
   * @param head trained at the schedule's rate: every parameter, unless fine-tuning
   * @param body kept layers that train, at the body's rate
   * @param frozen kept layers that do not: in no optimizer, their gradients discarded each step
   *     (the graph is the same as when they train)
   */
  record Groups(Map<String, Parameter> head, Map<String, Parameter> body, Map<String, Parameter> frozen) {

    /** Plain training: every parameter in the head. */
    static Groups all(Network net) {
      return new Groups(net.trainable(), Map.of(), Map.of());
    }
  }

  /**
   * Copies the kept layers into {@code target} (the source loaded in a sub-manager of {@code
   * manager}, closed after) and groups its trainable parameters.
   */
  Groups start(Network target, NDManager manager, SplitDataset data) throws IOException {
    Set<String> kept;
    try (NDManager sourceManager = manager.newSubManager()) {
      kept = apply(target, sourceManager, data);
    }
    Map<String, Parameter> head = new LinkedHashMap<>();
    Map<String, Parameter> body = new LinkedHashMap<>();
    for (Map.Entry<String, Parameter> p : target.trainable().entrySet()) {
      (kept.contains(p.getKey()) ? body : head).put(p.getKey(), p.getValue());
    }
    return freeze ? new Groups(head, Map.of(), body) : new Groups(head, body, Map.of());
  }

  /**
   * Copies the kept layers of the source into {@code target}'s initialised parameters and returns
   * the names of every copied parameter (batch-norm statistics included).
   *
   * @throws InvalidSpecException naming {@code finetune.keepLayers} when the layers do not fit
   */
  Set<String> apply(Network target, NDManager manager, SplitDataset data) throws IOException {
    Set<String> kept = keptParameters(target);
    Network from = source.load(manager, data, sourceClasses, "finetune.source");
    Map<String, Parameter> sourceParams = new java.util.HashMap<>();
    for (Pair<String, Parameter> p : from.block().getParameters()) {
      sourceParams.put(p.getKey(), p.getValue());
    }
    for (Pair<String, Parameter> p : target.block().getParameters()) {
      if (!kept.contains(p.getKey())) {
        continue;
      }
      Parameter s = sourceParams.get(p.getKey());
      if (s == null) {
        throw new InvalidSpecException("finetune.keepLayers: the source has no parameter " + p.getKey()
            + "; take fewer layers, or a source with as many");
      }
      try {
        ParameterArrays.copyInto(p.getValue().getArray(), s.getArray());
      } catch (IllegalArgumentException mismatch) {
        throw new InvalidSpecException("finetune.keepLayers: layer parameter " + p.getKey() + " has shape "
            + p.getValue().getArray().getShape() + " in the target but " + s.getArray().getShape()
            + " in the source; take fewer layers, or give the target the source's widths");
      }
    }
    return kept;
  }

  /** Names of the parameters of the first {@code keepLayers} layers of {@code net}. */
  Set<String> keptParameters(Network net) {
    SequentialBlock seq = (SequentialBlock) net.block();
    boolean cnn = seq.getChildren().values().stream().anyMatch(b -> b instanceof Conv2d);
    int layers = (int) seq.getChildren().values().stream()
        .filter(b -> cnn ? b instanceof Conv2d : b instanceof Linear).count() - (cnn ? 0 : 1);
    int k = keepLayers == null ? layers : keepLayers;
    if (k < 1 || k > layers) {
      throw new InvalidSpecException("finetune.keepLayers: " + k + " layers asked, but the target has "
          + layers + (cnn ? " convolution blocks" : " hidden layers") + "; give 1 to " + layers);
    }
    Set<String> children = new LinkedHashSet<>();
    int starts = 0;
    for (Pair<String, Block> child : seq.getChildren()) {
      // A CNN's blocks end where the next one, or the dense head, starts.
      boolean start = child.getValue() instanceof Linear || cnn && child.getValue() instanceof Conv2d;
      if (start && ++starts > k) {
        break;
      }
      children.add(child.getKey());
    }
    Set<String> out = new LinkedHashSet<>();
    for (Pair<String, Parameter> p : net.block().getParameters()) {
      String owner = p.getKey().substring(0, p.getKey().indexOf('_'));
      if (children.contains(owner)) {
        out.add(p.getKey());
      }
    }
    return out;
  }
}
