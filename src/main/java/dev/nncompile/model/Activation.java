package dev.nncompile.model;

import dev.nncompile.sym.Expr;

/**
 * A layer's activation: either elementwise, {@code a = formula(z)} with every parameter already a constant, or the
 * row-wise softmax.
 *
 * @param name    as the spec names it, e.g. {@code leaky_relu}
 * @param formula the elementwise formula in the variable {@link #Z}; null for softmax
 */
public record Activation(String name, Expr formula, boolean softmax) {
    /** The variable an elementwise formula is written in. */
    public static final String Z = "z";

    public static Activation ofFormula(String name, Expr formula) {
        return new Activation(name, formula, false);
    }

    public static Activation ofSoftmax() {
        return new Activation("softmax", null, true);
    }
}
