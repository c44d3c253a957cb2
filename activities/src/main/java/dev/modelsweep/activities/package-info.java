/**
 * The training worker's activities: {@link dev.modelsweep.activities.TrainingActivitiesImpl}
 * implements {@link dev.modelsweep.activity.TrainingActivities} on top of the Temporal-free
 * sub-packages ({@code data}, {@code model}, {@code optim}, {@code train}, {@code store}) and maps
 * their outcomes to Temporal: {@link dev.modelsweep.activities.InvalidSpecException} and {@link
 * dev.modelsweep.activities.DivergedException} become non-retryable failures, I/O errors stay
 * retryable, and each epoch becomes a heartbeat.
 */
package dev.modelsweep.activities;
