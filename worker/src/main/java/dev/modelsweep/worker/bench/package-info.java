/**
 * Benchmarks behind {@code modelsweep bench}. Each prints a table whose ratios are measured in
 * one run on one machine; speed goals live here, not in timed unit tests.
 */
package dev.modelsweep.worker.bench;
