package dev.modelsweep.trial;

/**
 * Evaluate trained weights of a trial.
 *
 * @param model path of the weights, relative to the artifact root (from {@link TrainResult#model})
 */
public record EvaluateRequest(TrialConfig trial, String model) {}
