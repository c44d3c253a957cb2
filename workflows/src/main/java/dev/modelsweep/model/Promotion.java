package dev.modelsweep.model;

/**
 * What a promotion did.
 *
 * @param name the registry name
 * @param version the version registered (or found registered by an earlier try of the same
 *     promotion)
 * @param alias the alias now pointing at it
 * @param previous the version the alias pointed at before, or null if it was new
 */
public record Promotion(String name, int version, String alias, Integer previous) {}
