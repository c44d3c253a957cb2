package dev.modelsweep.worker;

import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.store.BlobStore;
import dev.modelsweep.activities.store.FolderBlobStore;
import dev.modelsweep.activities.store.s3.S3BlobStore;
import dev.modelsweep.activities.store.s3.S3Connection;

/**
 * A training worker's stores, from its {@link WorkerConfig}: the sweep artifacts (checkpoints,
 * models, results, laid out by {@link dev.modelsweep.activityapi.ArtifactLayout}) and the store that
 * pipelines publish models to, in its folder {@value FolderBlobStore#DEFAULT_FOLDER}.
 *
 * <p>Without {@link WorkerConfig#store()} both live in the artifact root. With it, both live in the
 * S3 store, reached through the standard AWS environment ({@link S3Connection#fromEnvironment}),
 * and the artifact root is this worker's cache.
 *
 * @param artifacts the sweep artifacts
 * @param models the store of published models, specs, configurations and teacher logits
 */
public record ArtifactStores(ArtifactStore artifacts, BlobStore models) {

  /** The stores {@code config} names. */
  public static ArtifactStores of(WorkerConfig config) {
    if (config.store() == null) {
      return new ArtifactStores(new ArtifactStore(config.artifactRoot()),
          new FolderBlobStore(config.artifactRoot().resolve(FolderBlobStore.DEFAULT_FOLDER)));
    }
    S3BlobStore shared = S3BlobStore.open(config.store(), S3Connection.fromEnvironment(System.getenv()));
    return new ArtifactStores(new ArtifactStore(config.artifactRoot(), shared),
        shared.within(FolderBlobStore.DEFAULT_FOLDER));
  }
}
