package dev.nncompile.train;

/**
 * How a {@code fit} ended.
 *
 * @param epochs    epochs completed
 * @param stoppedBy why, in the JSON's spelling: {@code max_epochs}, {@code patience}, {@code gradient_norm},
 *                  {@code loss_delta} or {@code diverged}
 * @param epoch     for a divergence, the 1-based epoch of the first non-finite loss, else 0
 * @param batch     for a divergence, the 1-based batch within that epoch, else 0
 */
public record FitOutcome(int epochs, String stoppedBy, int epoch, int batch) {
    public static final String DIVERGED = "diverged";

    public boolean diverged() {
        return DIVERGED.equals(stoppedBy);
    }

    /** One sentence for the user. */
    public String describe() {
        return switch (stoppedBy) {
            case "max_epochs" -> "reached the epoch limit (" + epochs + (epochs == 1 ? " epoch)" : " epochs)");
            case "patience" -> "validation loss stopped improving (after " + epochs
                    + " epochs; the best weights were restored)";
            case "gradient_norm" -> "the gradient norm fell below the spec's threshold (after " + epochs + " epochs)";
            case "loss_delta" -> "the training loss stopped changing (after " + epochs + " epochs)";
            case DIVERGED -> "the loss became NaN or infinite in epoch " + epoch + ", batch " + batch
                    + "; training stopped and the last finite weights were kept (try a smaller learning rate)";
            default -> stoppedBy + " (after " + epochs + " epochs)";
        };
    }
}
