package dev.modelsweep.workflow;

import dev.modelsweep.spec.SweepSpec;

/**
 * The outcome of validating a sweep's input, recorded in its history once, so that a replay reads
 * it back instead of validating again: tightening a rule never breaks a running sweep.
 *
 * @param spec the spec, when valid
 * @param problem every problem, when not
 */
public record ValidatedSpec(SweepSpec spec, String problem) {}
