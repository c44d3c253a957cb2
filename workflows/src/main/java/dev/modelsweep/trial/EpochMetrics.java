package dev.modelsweep.trial;

/**
 * What one epoch of training measured.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean training loss over the epoch's batches
 * @param valLoss validation loss after the epoch
 * @param valAccuracy validation accuracy after the epoch
 * @param learningRate learning rate of the epoch's last update
 */
public record EpochMetrics(int epoch, double trainLoss, double valLoss, double valAccuracy, double learningRate) {}
