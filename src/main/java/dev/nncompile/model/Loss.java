package dev.nncompile.model;

import dev.nncompile.sym.Expr;

/**
 * The loss: a per-element term in the prediction {@link #P} and the target {@link #Y}, summed over outputs and
 * samples and scaled by {@link Reduction}.
 *
 * <p>Conventions (PyTorch's): {@code mse} ½-less squared error, mean over batch and outputs; {@code half_sse}
 * ½(p − y)² summed over outputs, mean over the batch; {@code bce} mean over batch and outputs; {@code cross_entropy}
 * −y·log p summed over outputs, mean over the batch; {@code huber} and user losses mean over batch and outputs.
 *
 * @param name    as the spec names it
 * @param kind    which built-in, or {@link Kind#CUSTOM}
 * @param term    the per-element term, parameters already constants
 */
public record Loss(String name, Kind kind, Expr term, Reduction reduction) {
    public static final String P = "p";
    public static final String Y = "y";

    public enum Kind { MSE, HALF_SSE, BCE, CROSS_ENTROPY, HUBER, CUSTOM }

    /** How the summed per-element terms become the batch loss. */
    public enum Reduction {
        /** divided by the number of samples N */
        MEAN_OVER_BATCH,
        /** divided by N·K, K the number of outputs */
        MEAN_OVER_ALL
    }
}
