/**
 * Small records that travel between workflows and activities: a trial's configuration, its
 * training and evaluation results, and its leaderboard row. Kept small on purpose: they are
 * stored in workflow history; weights and checkpoints stay in the artifact store.
 */
package dev.modelsweep.trial;
