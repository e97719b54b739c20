package dev.nncompile.sym;

/**
 * A scalar expression: the closed algebra every formula of nncompile is written in.
 *
 * <p>Seven node kinds and nothing else; subtraction, division and negation are built from them
 * ({@code a − b = a + (−1)·b}, {@code a / b = a·b⁻¹}). Nodes are made only through {@link Exprs}, whose smart
 * constructors flatten, fold constants, collect like terms and sort operands, so that two expressions with the
 * same canonical form are equal records.
 *
 * <pre>{@code
 * Expr z = Exprs.var("z");
 * Expr swish = Exprs.mul(z, Exprs.sigmoid(z));
 * Expr d = Derivative.of(swish, "z");
 * }</pre>
 */
public sealed interface Expr extends Comparable<Expr> permits Const, Var, Add, Mul, Pow, Call, Cond {

    @Override
    default int compareTo(Expr other) {
        return ExprOrder.INSTANCE.compare(this, other);
    }
}
