/**
 * The artifact store.
 *
 * <ul>
 *   <li>{@link dev.modelsweep.activities.store.BlobStore} is the store's interface: bytes by key,
 *       atomic puts, digests checked on read, listing by prefix. Pipelines publish models, specs
 *       and trial configurations through it, and pass {@link dev.modelsweep.model.ModelReference}s
 *       that name its keys. {@link dev.modelsweep.activities.store.FolderBlobStore} is its folder
 *       backend.
 *   <li>{@link dev.modelsweep.activities.store.ArtifactStore} is the folder under which every
 *       sweep keeps its files, laid out as {@link dev.modelsweep.activityapi.ArtifactLayout}
 *       describes. Workflows hold only the relative paths; it turns them into files, refuses paths
 *       that would leave the root, and writes every file atomically so that a worker killed
 *       mid-write never leaves a half-written checkpoint or result behind. Trial training and
 *       evaluation still use it directly.
 * </ul>
 */
package dev.modelsweep.activities.store;
