package dev.modelsweep.model;

/**
 * Register a model as a new version of a named model in the registry and point an alias at it.
 *
 * @param model the model, from the artifact store
 * @param name the registry name, such as {@code digits}
 * @param alias the alias to move to the new version, such as {@code production}
 * @param promotionKey what makes the promotion idempotent: the same key never makes a second
 *     version or a second alias move (a pipeline uses its workflow id and the stage id)
 */
public record PromoteRequest(ModelReference model, String name, String alias, String promotionKey) {}
