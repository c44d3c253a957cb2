package dev.modelsweep.activities;

import dev.modelsweep.activities.data.Datasets;
import dev.modelsweep.activities.data.SplitDataset;
import dev.modelsweep.activities.registry.AliasMove;
import dev.modelsweep.activities.registry.ModelCard;
import dev.modelsweep.activities.registry.ModelRegistry;
import dev.modelsweep.activities.store.BlobStore;
import dev.modelsweep.activityapi.RegistryActivities;
import dev.modelsweep.model.ModelReference;
import dev.modelsweep.model.PromoteRequest;
import dev.modelsweep.model.Promotion;
import dev.modelsweep.model.RegisteredModel;
import dev.modelsweep.trial.TrialConfig;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@link RegistryActivities} on a {@link ModelRegistry}, reading candidates from the artifact
 * store and their data (for the card's checksum and the server's normalization) through the
 * worker's data roots. Register one instance per training worker; thread-safe. Failures as {@link
 * ActivitySteps} maps them.
 */
public final class RegistryActivitiesImpl implements RegistryActivities {

  private final ModelRegistry registry;
  private final StoredModels models;
  private final Datasets datasets;

  /**
   * @param registry where versions and aliases go
   * @param store where the candidates' weights, configurations and specs are
   * @param datasets the data sets (and the data roots) of the worker's training activities
   */
  public RegistryActivitiesImpl(ModelRegistry registry, BlobStore store, Datasets datasets) {
    this.registry = registry;
    this.models = new StoredModels(store);
    this.datasets = datasets;
  }

  @Override
  public RegisteredModel holder(String name, String alias) {
    return ActivitySteps.step(() -> {
      ModelRegistry.checkAlias(alias);
      Integer version = registry.aliases(name).current().get(alias);
      if (version == null) {
        return null;
      }
      ModelCard card = registry.version(name, version).orElseThrow();
      return new RegisteredModel(name, version, card.metrics());
    });
  }

  @Override
  public Promotion promote(PromoteRequest request) {
    return ActivitySteps.step(() -> {
      ModelRegistry.checkName(request.name());
      ModelRegistry.checkAlias(request.alias());
      ModelReference model = request.model();
      String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
      String reason = model.lineage() == null || model.lineage().pipeline() == null
          ? "promoted" : "promoted by pipeline " + model.lineage().pipeline();
      AliasMove move = registry.promote(request.name(), request.alias(),
          card(model, request.promotionKey(), now), models.weights(model), reason);
      return new Promotion(request.name(), move.to(), request.alias(), move.from());
    });
  }

  private ModelCard card(ModelReference model, String promotionKey, String now) throws java.io.IOException {
    TrialConfig config = models.config(model);
    SplitDataset data = datasets.load(config.dataset(), config.seed());
    return ModelCard.candidate(promotionKey, now, model.metrics(), data, models.spec(model), config, model.lineage());
  }
}
