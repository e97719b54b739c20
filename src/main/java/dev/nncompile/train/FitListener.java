package dev.nncompile.train;

/**
 * Progress of {@link TrainableModel#fit}: what a progress bar and an epoch table need. Every method is optional.
 *
 * <pre>{@code
 * FitListener printer = new FitListener() {
 *     public void epochEnded(int epoch, double trainLoss, double valLoss, double valAccuracy) {
 *         System.out.println(epoch + " " + trainLoss);
 *     }
 * };
 * }</pre>
 */
public interface FitListener {
    /** Epoch {@code epoch} (1-based) of at most {@code epochs} begins; it has {@code batches} batches. */
    default void epochStarted(int epoch, int epochs, int batches) {}

    /** Batch {@code batch} (1-based) of the epoch is done; its loss. */
    default void batchEnded(int epoch, int batch, int batches, double loss) {}

    /** The epoch is done: mean training loss, validation loss and accuracy (NaN without a validation set). */
    default void epochEnded(int epoch, double trainLoss, double valLoss, double valAccuracy) {}
}
