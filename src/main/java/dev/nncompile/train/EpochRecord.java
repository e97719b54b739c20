package dev.nncompile.train;

/**
 * One epoch of a training run.
 *
 * @param valLoss     NaN without a validation set
 * @param valAccuracy NaN without a validation set or for regression
 * @param seconds     wall time of the epoch, validation included
 */
public record EpochRecord(int epoch, double trainLoss, double valLoss, double valAccuracy, double seconds) {}
