package dev.modelsweep.activities;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.modelsweep.activities.data.Datasets;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.store.BlobStore;
import dev.modelsweep.activities.store.CorruptArtifactException;
import dev.modelsweep.activities.store.Json;
import dev.modelsweep.activities.store.ModelLists;
import dev.modelsweep.activities.train.TrialEvaluator;
import dev.modelsweep.activityapi.ArtifactLayout;
import dev.modelsweep.activityapi.FailureTypes;
import dev.modelsweep.activityapi.PipelineActivities;
import dev.modelsweep.model.Lineage;
import dev.modelsweep.model.ModelReference;
import dev.modelsweep.model.PublishRequest;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.trial.EvaluateRequest;
import dev.modelsweep.trial.Evaluation;
import dev.modelsweep.trial.TrialConfig;
import dev.modelsweep.trial.TrialConfigs;
import dev.modelsweep.trial.TrialResult;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link PipelineActivities} on a {@link BlobStore} (models, specs and trial configurations, by
 * content key) and the worker's artifact folder (where sweeps leave their trials' weights, and
 * where {@link TrialEvaluator} reads the weights it measures). Register one instance per training
 * worker; thread-safe. Failures as {@link ActivitySteps} maps them.
 */
public final class PipelineActivitiesImpl implements PipelineActivities {

  /** Folder under the artifact root where models from the store are kept for evaluation. */
  static final String CACHE = "cache";

  private final ArtifactStore artifacts;
  private final BlobStore store;
  private final StoredModels models;
  private final TrialEvaluator evaluator;

  /**
   * @param artifacts the worker's artifact folder, where its sweeps write their trials
   * @param store where models are published
   * @param datasets the data sets (and the data roots) of the worker's training activities
   */
  public PipelineActivitiesImpl(ArtifactStore artifacts, BlobStore store, Datasets datasets) {
    this.artifacts = artifacts;
    this.store = store;
    this.models = new StoredModels(store);
    this.evaluator = new TrialEvaluator(artifacts, datasets);
  }

  @Override
  public List<ModelReference> publishTrials(PublishRequest request) {
    return ActivitySteps.step(() -> {
      BlobStore.Blob spec = store.putContent("specs/", ".json", Json.bytes(SpecParser.toJson(request.spec())));
      List<ModelReference> out = new ArrayList<>();
      for (TrialResult trial : request.trials()) {
        TrialConfig config = TrialConfigs.resolve(request.spec(), request.sweepId(), trial.index(), trial.params());
        String weights = ArtifactLayout.modelFile(request.sweepId(), trial.id());
        if (!artifacts.exists(weights)) {
          throw new InvalidSpecException("stage " + request.stageId() + ": trial " + trial.id() + " of sweep "
              + request.sweepId() + " has no weights at " + weights + " under " + artifacts.location()
              + "; the sweep ran on a worker with another artifact folder: give every worker the same --store");
        }
        BlobStore.Blob model = store.putContent("models/", ".params", artifacts.read(weights));
        BlobStore.Blob configBlob = store.putContent("configs/", ".json", Json.bytes(config));
        out.add(new ModelReference(model.key(), model.digest(), trial.metrics(), new Lineage(
            request.pipelineId(), request.stageId(), spec.key(), configBlob.key(), request.sweepId(), trial.id(),
            config.distill() == null ? null : config.distill().teacher(),
            config.finetune() == null ? null : config.finetune().source())));
      }
      return out;
    });
  }

  @Override
  public ModelReference evaluateModel(ModelReference model) {
    return ActivitySteps.step(() -> {
      TrialConfig config = models.config(model);
      byte[] weights = models.weights(model);
      String local = CACHE + "/" + model.key();
      if (!artifacts.exists(local) || artifacts.size(local) != weights.length) {
        artifacts.writeAtomic(local, weights);
      }
      Evaluation evaluation = evaluator.evaluate(new EvaluateRequest(config, local));
      Map<String, Double> metrics = new LinkedHashMap<>(model.metrics());
      metrics.putAll(evaluation.metrics());
      return model.withMetrics(metrics);
    });
  }

  @Override
  public String publishModelList(List<ModelReference> models) {
    return ActivitySteps.step(() -> ModelLists.put(store, models));
  }
}
