/**
 * The artifact store: one root directory under which every sweep keeps its files, laid out as
 * {@link dev.modelsweep.activity.ArtifactLayout} describes. Workflows hold only the relative paths;
 * this package turns them into files, refuses paths that would leave the root, and writes every
 * file atomically so that a worker killed mid-write never leaves a half-written checkpoint or
 * result behind.
 */
package dev.modelsweep.activities.store;
