package dev.modelsweep.activities;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.modelsweep.activities.store.BlobStore;
import dev.modelsweep.activities.store.CorruptArtifactException;
import dev.modelsweep.activities.store.Json;
import dev.modelsweep.model.ModelReference;
import dev.modelsweep.trial.TrialConfig;
import java.io.IOException;
import java.nio.file.NoSuchFileException;

/** What a {@link ModelReference} names in the store, read and checked: weights, configuration, spec. */
final class StoredModels {

  private final BlobStore store;

  StoredModels(BlobStore store) {
    this.store = store;
  }

  /** The weights, checked against the reference's digest. */
  byte[] weights(ModelReference model) throws IOException {
    return read(model.key(), model);
  }

  /** The trial configuration the reference's lineage names: what rebuilds the network. */
  TrialConfig config(ModelReference model) throws IOException {
    String key = model.lineage() == null ? null : model.lineage().config();
    if (key == null) {
      throw new InvalidSpecException("model " + model.key() + ": its reference names no configuration"
          + " (lineage.config); use models that a sweep, train or finetune stage published");
    }
    try {
      // Lenient about unknown fields: a derived helper a record serialises is no reason to refuse.
      return Json.mapper().readerFor(TrialConfig.class)
          .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(read(key, model));
    } catch (JsonMappingException e) {
      throw new CorruptArtifactException(key + " in " + store.location() + " is not a trial configuration: "
          + e.getOriginalMessage());
    }
  }

  /** The sweep spec the reference's lineage names, as JSON; null when it names none. */
  JsonNode spec(ModelReference model) throws IOException {
    String key = model.lineage() == null ? null : model.lineage().spec();
    if (key == null) {
      return null;
    }
    try {
      return Json.mapper().readTree(read(key, model));
    } catch (JacksonException e) {
      throw new CorruptArtifactException(key + " in " + store.location() + " is not JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * The bytes under a key the reference names (its weights checked against its digest). A key
   * missing from the store will not appear by retrying: the reference is from another store.
   */
  private byte[] read(String key, ModelReference model) throws IOException {
    try {
      return key.equals(model.key()) ? store.get(key, model.digest()) : store.get(key);
    } catch (NoSuchFileException e) {
      throw new InvalidSpecException("model " + model.key() + ": " + e.getMessage());
    }
  }
}
