package dev.modelsweep.client;

import java.time.Instant;

/**
 * One line of {@link SweepClient#list}: a sweep or pipeline as Temporal's visibility knows it.
 *
 * @param id the sweep or pipeline id
 * @param kind {@code sweep} or {@code pipeline}
 * @param status Temporal's execution status: running, completed, failed, canceled, terminated,
 *     timed_out
 * @param state the sweep's own state word ({@code ModelSweepState}: running, paused, stopping,
 *     completed, stopped, failed), or {@code status} where the sweep set none (pipelines, sweeps
 *     started before the attribute existed)
 * @param name the spec's name, or null
 * @param strategy the search strategy, or null
 * @param metric the objective metric, or null
 * @param best the leader's value of it, or null
 * @param trialsDone trials ended, or null
 * @param started when it started
 * @param closed when it ended, or null while it runs
 */
public record SweepListing(
    String id,
    String kind,
    String status,
    String state,
    String name,
    String strategy,
    String metric,
    Double best,
    Long trialsDone,
    Instant started,
    Instant closed) {}
