package dev.nncompile.sym;

/** {@code base ^ exponent}. Built by {@link Exprs#pow}; {@code x⁻¹} is how division is written. */
public record Pow(Expr base, Expr exponent) implements Expr {}
