/**
 * Training and evaluation of one trial, free of Temporal so that tests and benchmarks run them in a
 * plain loop: {@link dev.modelsweep.activities.train.TrialTrainer} reports each epoch to an {@link
 * dev.modelsweep.activities.train.EpochListener}, and {@link
 * dev.modelsweep.activities.train.TrialEvaluator} measures trained weights.
 *
 * <p>Determinism is the design goal: a trial interrupted at any point and resumed from its newest
 * checkpoint ends with the same bits as one trained straight through. Everything random derives
 * from the trial seed: initial weights from (seed), the epoch's shuffle and dropout masks from
 * (seed, epoch), the learning rate from (epoch, step) through the schedule, and the optimizer's
 * state and the batch-norm running statistics travel in the checkpoint. PyTorch runs on one
 * thread per trial, as the worker and the tests configure it.
 */
package dev.modelsweep.activities.train;
