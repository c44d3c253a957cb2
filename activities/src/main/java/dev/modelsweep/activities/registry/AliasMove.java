package dev.modelsweep.activities.registry;

/**
 * One move of an alias: the history that makes a rollback a move back.
 *
 * @param alias the alias moved
 * @param from the version it pointed at before, or null if it was new
 * @param to the version it points at since
 * @param at when, ISO-8601 UTC
 * @param reason why, as given ({@code promoted by pipeline P stage S}, {@code moved by hand})
 * @param promotionKey the promotion that moved it, or null for a move by hand
 */
public record AliasMove(String alias, Integer from, int to, String at, String reason, String promotionKey) {}
