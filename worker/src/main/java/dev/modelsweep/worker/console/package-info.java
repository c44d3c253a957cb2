/**
 * The web console and the HTML report: sweeps and pipelines read through the client API (queries,
 * signals, updates) and the artifact store, shown with ECharts served from the jar.
 */
package dev.modelsweep.worker.console;
