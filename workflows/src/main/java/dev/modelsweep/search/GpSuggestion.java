package dev.modelsweep.search;

/**
 * A Gaussian process's answer.
 *
 * @param point the next point to try, one coordinate per parameter in {@code [0, 1)}; a
 *     categorical coordinate is its value's cell centre
 * @param expectedImprovement its expected improvement over the best loss, in standardized units
 * @param logMarginalLikelihood of the fitted hyperparameters, for diagnostics
 */
public record GpSuggestion(double[] point, double expectedImprovement, double logMarginalLikelihood) {}
