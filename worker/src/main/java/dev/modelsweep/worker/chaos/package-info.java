/**
 * The chaos harness behind {@code modelsweep chaos}: a sweep run undisturbed, then again with its
 * worker process killed with SIGKILL at seeded moments and restarted, and a table that says what
 * the kills cost and whether the result changed.
 */
package dev.modelsweep.worker.chaos;
