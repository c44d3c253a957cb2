package dev.modelsweep.trial;

/**
 * Quality and serving cost of a trained model.
 *
 * @param params trainable parameter count
 * @param sizeBytes bytes of the saved weights
 * @param latencyP50Ms median single-example CPU inference latency
 * @param latencyP95Ms 95th percentile single-example CPU inference latency
 */
public record Evaluation(
    double valAccuracy,
    double valLoss,
    double testAccuracy,
    double testLoss,
    long params,
    long sizeBytes,
    double latencyP50Ms,
    double latencyP95Ms) {}
