package dev.nncompile.sym;

import java.util.List;

/**
 * A sum of two or more terms. Canonical (as {@link Exprs#add} builds it): no nested sums, like terms collected,
 * at most one constant, terms sorted by {@link ExprOrder}.
 */
public record Add(List<Expr> terms) implements Expr {
    public Add {
        terms = List.copyOf(terms);
    }
}
