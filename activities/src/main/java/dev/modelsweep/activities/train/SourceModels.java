package dev.modelsweep.activities.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.activities.data.SplitDataset;
import dev.modelsweep.activities.model.ModelFactory;
import dev.modelsweep.activities.model.Network;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.store.BlobStore;
import dev.modelsweep.activities.store.Digests;
import dev.modelsweep.activities.store.Json;
import dev.modelsweep.activityapi.ArtifactLayout;
import dev.modelsweep.model.ModelReference;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.TrialConfig;
import dev.modelsweep.trial.TrialConfigs;
import dev.modelsweep.trial.TrialResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the models a {@code distill.teacher} or {@code finetune.source} reference names: an
 * earlier sweep's trial {@code SWEEP_ID/TRIAL_ID} from the worker's artifact folder, or a model
 * list {@code models/sha256-<hex>.json} from the store (what a pipeline publishes for {@code
 * stage:ID#K}). Thread-safe.
 */
final class SourceModels {

  /** A model to learn from: its configuration (to rebuild the network) and its weights. */
  record Source(TrialConfig config, byte[] weights, String digest) {

    /**
     * The network of this model for data of {@code data}'s shape and {@code classes} outputs, with
     * its weights, in {@code manager}.
     */
    Network load(NDManager manager, SplitDataset data, int classes, String field) throws IOException {
      if (config.model() == null) {
        throw new InvalidSpecException(field + ": the model " + digest + " has no model section in its configuration");
      }
      Network net = ModelFactory.build(config.model(), data.shape(), classes);
      net.initialize(manager, 0);
      try {
        Weights.load(net, manager, weights);
      } catch (MalformedModelException | IllegalArgumentException e) {
        throw new InvalidSpecException(field + ": the model " + digest + " does not fit this data ("
            + data.features() + " features, " + classes + " classes): " + e.getMessage()
            + "; learn from a model trained on data of the same shape");
      }
      return net;
    }
  }

  /** Where {@code models/...json} model lists are published, and how they are named. */
  static final String LIST_PREFIX = "models/";

  private static final ObjectReader LENIENT = Json.mapper().reader()
      .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final ArtifactStore artifacts;
  private final BlobStore store;

  SourceModels(ArtifactStore artifacts, BlobStore store) {
    this.artifacts = artifacts;
    this.store = store;
  }

  /**
   * The models {@code reference} names, best first.
   *
   * @param field the spec field that holds the reference, for messages ({@code distill.teacher})
   * @throws InvalidSpecException when the reference cannot name models here
   */
  List<Source> resolve(String reference, String field) throws IOException {
    if (reference == null) {
      throw new InvalidSpecException(field + ": required; give a model reference");
    }
    if (reference.startsWith("stage:")) {
      throw new InvalidSpecException(field + ": \"" + reference + "\" names a pipeline stage, which only a"
          + " pipeline can resolve; run this spec as a stage of a pipeline, or name a trial SWEEP_ID/TRIAL_ID");
    }
    if (reference.startsWith(LIST_PREFIX) && reference.endsWith(".json")) {
      return fromStore(reference, field);
    }
    int slash = reference.lastIndexOf('/');
    if (slash <= 0) {
      throw new InvalidSpecException(field + ": \"" + reference + "\" is not a model reference; give stage:ID,"
          + " SWEEP_ID/TRIAL_ID or models/sha256-<hex>.json");
    }
    return List.of(fromTrial(reference.substring(0, slash), reference.substring(slash + 1), field));
  }

  private List<Source> fromStore(String key, String field) throws IOException {
    List<ModelReference> models;
    try {
      models = LENIENT.forType(new TypeReference<List<ModelReference>>() {}).readValue(store.get(key));
    } catch (NoSuchFileException e) {
      throw new InvalidSpecException(field + ": no model list " + key + " in " + store.location());
    }
    List<Source> out = new ArrayList<>();
    for (ModelReference m : models) {
      if (m.lineage() == null || m.lineage().config() == null) {
        throw new InvalidSpecException(field + ": model " + m.key() + " in " + key + " names no configuration");
      }
      TrialConfig config = LENIENT.forType(TrialConfig.class).readValue(store.get(m.lineage().config()));
      out.add(new Source(config, store.get(m.key(), m.digest()), m.digest()));
    }
    if (out.isEmpty()) {
      throw new InvalidSpecException(field + ": the model list " + key + " is empty");
    }
    return out;
  }

  private Source fromTrial(String sweepId, String trialId, String field) throws IOException {
    String weights = ArtifactLayout.modelFile(sweepId, trialId);
    String trialFile = ArtifactLayout.trialDir(sweepId, trialId) + "/trial.json";
    String specFile = ArtifactLayout.sweepDir(sweepId) + "/spec.json";
    for (String file : List.of(weights, trialFile, specFile)) {
      if (!artifacts.exists(file)) {
        throw new InvalidSpecException(field + ": trial " + sweepId + "/" + trialId + " has no " + file + " under "
            + artifacts.location() + "; name a finished trial of a sweep this worker's artifact folder holds");
      }
    }
    SweepSpec spec = SpecParser.parse(new String(artifacts.read(specFile), StandardCharsets.UTF_8));
    TrialResult trial = LENIENT.forType(TrialResult.class).readValue(artifacts.read(trialFile));
    byte[] bytes = artifacts.read(weights);
    TrialConfig config = TrialConfigs.resolve(spec, sweepId, trial.index(), trial.params());
    return new Source(config, bytes, Digests.sha256(bytes));
  }
}
