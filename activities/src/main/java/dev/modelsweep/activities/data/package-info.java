/**
 * Data sets: the built-ins shipped as resources ({@code digits}, {@code iris}, {@code wine},
 * {@code breast-cancer}, {@code letter}), user CSV files and IDX image files, each read into
 * dense float rows with class indices, then subsampled, split into train, validation and test
 * (stratified by class, from the sweep seed) and normalised with statistics of the train split
 * only, so that nothing about the held-out rows leaks into training.
 *
 * <p>{@link dev.modelsweep.activities.data.Datasets} is the entry point; it caches loaded data sets
 * because every trial of a sweep asks for the same one. Everything here is plain Java: no DJL, no
 * Temporal.
 */
package dev.modelsweep.activities.data;
