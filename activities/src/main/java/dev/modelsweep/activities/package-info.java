/**
 * The training worker's activities: {@link dev.modelsweep.activities.TrainingActivitiesImpl}
 * implements {@link dev.modelsweep.activityapi.TrainingActivities} on top of the Temporal-free
 * sub-packages ({@code data}, {@code model}, {@code optim}, {@code train}, {@code store}) and maps
 * their outcomes to Temporal: {@link dev.modelsweep.activities.InvalidSpecException}, {@link
 * dev.modelsweep.activities.DivergedException} and {@link
 * dev.modelsweep.activities.OutOfMemoryException} become non-retryable failures, I/O errors stay
 * retryable when {@link dev.modelsweep.activities.IoErrors} says they can heal, and each epoch
 * becomes a heartbeat. {@link dev.modelsweep.activities.Limits} is the worker operator's policy
 * (caps set by the worker's flags) that a sweep is checked against before its first trial.
 */
package dev.modelsweep.activities;
