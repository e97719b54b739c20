package dev.nncompile.model;

/**
 * The optimizer, every hyper-parameter filled in (PyTorch's defaults), exactly as PyTorch documents the update.
 *
 * <ul>
 *   <li>{@code SGD}: with momentum μ &gt; 0, v ← μ·v + g and w ← w − lr·v (Nesterov: w ← w − lr·(g + μ·v));
 *       {@code momentum(...)} and {@code nesterov(...)} in a spec are SGD with μ = 0.9 by default.</li>
 *   <li>{@code ADAM}: bias-corrected m and v, ε outside the square root.</li>
 *   <li>{@code ADAMW}: Adam with decoupled weight decay, applied to weights only.</li>
 *   <li>{@code RMSPROP}: s ← α·s + (1 − α)·g², w ← w − lr·g/(√s + ε), with optional momentum.</li>
 * </ul>
 */
public record Optimizer(Kind kind, double lr, double momentum, boolean nesterov, double beta1, double beta2,
                        double eps, double alpha, double weightDecay) {

    public enum Kind { SGD, ADAM, ADAMW, RMSPROP }
}
