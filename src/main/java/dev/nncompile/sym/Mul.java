package dev.nncompile.sym;

import java.util.List;

/**
 * A product of two or more factors. Canonical (as {@link Exprs#mul} builds it): no nested products, equal bases
 * merged into powers, at most one constant (the coefficient), factors sorted by {@link ExprOrder}.
 */
public record Mul(List<Expr> factors) implements Expr {
    public Mul {
        factors = List.copyOf(factors);
    }
}
