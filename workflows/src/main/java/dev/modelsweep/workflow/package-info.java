/**
 * The sweep's durable control flow. {@link dev.modelsweep.workflow.SweepWorkflow} asks a {@link
 * dev.modelsweep.search.TrialScheduler} for decisions and runs each trial as a {@link
 * dev.modelsweep.workflow.TrialWorkflow} child (train to the next rung, report by signal, go on or
 * stop as told, evaluate: activities on the training task queue). Everything here is workflow
 * code: deterministic, no clocks, threads, I/O or unseeded randomness; model computation lives in
 * activities and only small results and artifact paths enter history.
 */
package dev.modelsweep.workflow;
