/**
 * Search: what values the next trial of a sweep tries, and how long each trial trains.
 *
 * <p>A {@link dev.modelsweep.search.TrialScheduler} makes every decision a sweep acts on: start a
 * trial with values its {@link dev.modelsweep.search.Sampler} proposes, continue a trial that
 * reached a rung to a later epoch, stop it, wait, or be done. Its {@link
 * dev.modelsweep.search.EarlyStopping} rule ({@link dev.modelsweep.search.EarlyStoppings#create}
 * picks asha, hyperband or median) says where trials report and whether they go on; reports are
 * judged in trial order, a trial that gets ahead of an earlier one waiting without its slot, so
 * that early stopping decides as with one slot whatever {@code maxConcurrent} is. Its whole
 * state is a {@link dev.modelsweep.search.SchedulerState}, which {@link
 * dev.modelsweep.search.SchedulerStateCodec} packs for continue-as-new.
 *
 * <p>A {@link dev.modelsweep.search.Sampler} is asked for trial {@code i}'s values and told
 * the results of finished trials (ask/tell), so that model-based strategies can be added behind
 * the same interface. {@link dev.modelsweep.search.Samplers#create} picks one from a
 * spec.
 *
 * <ul>
 *   <li>{@link dev.modelsweep.search.GridSampler}: every combination in declared order, the last
 *       parameter varying fastest; the point at any index is computed directly.
 *   <li>{@link dev.modelsweep.search.RandomSampler}: trial {@code i}'s values derive only from the
 *       sweep seed and {@code i}.
 *   <li>{@link dev.modelsweep.search.SobolSampler}: a scrambled, seeded Sobol sequence.
 *   <li>{@link dev.modelsweep.search.TpeSampler}: a tree-structured Parzen estimator that learns
 *       from observations, in workflow code.
 *   <li>{@link dev.modelsweep.search.GpSampler}: Gaussian-process Bayesian optimization; it builds
 *       a small {@link dev.modelsweep.search.GpRequest} here and leaves the numeric fit to a
 *       {@link dev.modelsweep.search.GpSuggester} (the suggest local activity, on ND4J).
 * </ul>
 *
 * <p>sobol, tpe and gp share one mapping of the space to the unit cube, {@link
 * dev.modelsweep.search.SpaceEncoding}, and tpe and gp one reading of finished trials, {@code
 * ObservationRanking}.
 *
 * <p>Everything here runs inside Temporal workflow code, so it is pure and deterministic: no
 * clocks, threads, I/O or unseeded randomness, floating point through {@link java.lang.StrictMath},
 * and only ordered maps where order shows. Replaying a workflow asks again and gets the same
 * answers.
 */
package dev.modelsweep.search;
