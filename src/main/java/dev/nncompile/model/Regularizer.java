package dev.nncompile.model;

/** {@code l2(λ)} adds (λ/2)·ΣW² to the loss, {@code l1(λ)} adds λ·Σ|W|; weights only, never biases. */
public record Regularizer(Kind kind, double lambda) {
    public enum Kind { L1, L2 }
}
