/**
 * Model-based search computation that runs as an activity, not in workflow code: the gp
 * strategy's Gaussian process on ND4J ({@link dev.modelsweep.activities.suggest.SuggestActivitiesImpl}).
 * Registered on the workers that run workflows and called as a local activity.
 */
package dev.modelsweep.activities.suggest;
