/**
 * The worker's Prometheus metrics: the Temporal SDK's own and ModelSweep's ({@code modelsweep_*}),
 * served on {@code /metrics}.
 */
package dev.modelsweep.worker.metrics;
