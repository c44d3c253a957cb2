/**
 * The ModelSweep worker process: {@link dev.modelsweep.worker.SweepWorker} polls the sweep and
 * training task queues, {@link dev.modelsweep.worker.EmbeddedTemporal} serves the in-memory
 * Temporal service for development, and {@link dev.modelsweep.worker.WorkerConfig} says what a
 * worker runs.
 */
package dev.modelsweep.worker;
