package dev.nncompile.model;

import dev.nncompile.source.SourceSpan;

/**
 * A dense layer: z = W·a + b, a' = f(z), W ∈ ℝ^{units×inputs}.
 *
 * @param index 1-based position; the input is layer 0
 */
public record Layer(int index, int inputs, int units, Activation activation, Init init, SourceSpan span) {}
