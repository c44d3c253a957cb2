/**
 * Model families built as DJL blocks: an MLP and a small CNN (see {@link
 * dev.modelsweep.activities.model.ModelFactory}). Two pieces replace DJL defaults so that a trial
 * is reproducible to the bit even when a worker trains several trials at once: weights are
 * initialised from a {@code java.util.Random} seeded by the trial ({@link
 * dev.modelsweep.activities.model.SeededXavier}), and dropout masks come from a per-trial {@code
 * java.util.Random} reseeded every epoch ({@link dev.modelsweep.activities.model.SeededDropout}).
 * DJL's own initialisers and dropout draw from libtorch's single process-wide generator, which
 * concurrent trials would share and disturb. A third replaces libtorch's convolution, whose
 * results were wrong on this project's machines: {@link
 * dev.modelsweep.activities.model.PatchConv2d} multiplies the weights with the input's patches.
 */
package dev.modelsweep.activities.model;
