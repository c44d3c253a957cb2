/**
 * The sweep's durable control flow. {@link dev.modelsweep.workflow.SweepWorkflow} asks a search
 * strategy for trials and runs each as a {@link dev.modelsweep.workflow.TrialWorkflow} child
 * (train, then evaluate, as activities on the training task queue). Everything here is workflow
 * code: deterministic, no clocks, threads, I/O or unseeded randomness; model computation lives in
 * activities and only small results and artifact paths enter history.
 */
package dev.modelsweep.workflow;
