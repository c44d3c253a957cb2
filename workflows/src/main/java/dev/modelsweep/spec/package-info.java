/**
 * The sweep spec: the JSON document a user writes, its records, and its validation.
 *
 * <p>{@link dev.modelsweep.spec.SweepSpec} and the records beside it are the document's fields;
 * their Javadoc states each default. The published JSON Schema ({@code
 * docs/sweep-spec.schema.json}, a copy of the classpath resource {@code
 * dev/modelsweep/spec/sweep-spec.schema.json}) documents every field for editors and users.
 *
 * <ul>
 *   <li>{@link dev.modelsweep.spec.SpecParser} reads a document and reports every problem at once
 *       as a {@link dev.modelsweep.spec.SpecException} of {@link dev.modelsweep.spec.SpecProblem}s,
 *       each with a JSON path such as {@code $.search.space['optimizer.momentum'].min}: the schema
 *       checks structure, then semantic checks cover what a schema cannot say (fields of the
 *       chosen kind, complete data sources, valid values for every search parameter, grid size).
 *   <li>{@link dev.modelsweep.spec.SearchSpace} is a validated search space as strategies see it:
 *       domains, conditions and grid arithmetic.
 *   <li>{@link dev.modelsweep.spec.TrialSpec} applies a trial's values to the base
 *       configuration; {@link dev.modelsweep.spec.Metrics} names the metrics an objective may use.
 *   <li>{@link dev.modelsweep.spec.SpecReach} says how far a spec reaches (layers, widths, epochs,
 *       each with the path that sets it), which a worker compares with its own limits.
 * </ul>
 *
 * <p>The package depends on no other ModelSweep package: search, trials and workflows read specs,
 * never the other way round.
 *
 * <p>All of it runs in Temporal workflow code and is pure and deterministic: the schema is the
 * only thing read, once, from the classpath.
 */
package dev.modelsweep.spec;
