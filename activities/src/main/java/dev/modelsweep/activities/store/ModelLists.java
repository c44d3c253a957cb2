package dev.modelsweep.activities.store;

import dev.modelsweep.model.Lineage;
import dev.modelsweep.model.ModelReference;
import dev.modelsweep.trial.TrialConfig;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Model lists in a {@link BlobStore}: {@code models/sha256-<hex>.json}, a JSON list of {@link
 * ModelReference}s, the form in which a {@code distill.teacher} or {@code finetune.source} names
 * models stored by content.
 */
public final class ModelLists {

  private ModelLists() {}

  /** Puts {@code models} under their content key and returns it; the same list gives the same key. */
  public static String put(BlobStore store, List<ModelReference> models) throws IOException {
    return store.putContent("models/", ".json", Json.bytes(models)).key();
  }

  /**
   * Puts one trained model (its weights and configuration) and a list of just that model, for
   * callers outside a pipeline (benchmarks, tests); returns the list's key.
   */
  public static String putTrained(BlobStore store, TrialConfig config, byte[] weights) throws IOException {
    BlobStore.Blob model = store.putContent("models/", ".params", weights);
    BlobStore.Blob configBlob = store.putContent("configs/", ".json", Json.bytes(config));
    ModelReference reference = new ModelReference(model.key(), model.digest(), Map.of(),
        new Lineage(null, null, null, configBlob.key(), config.sweepId(), config.trialId(), null, null));
    return put(store, List.of(reference));
  }
}
