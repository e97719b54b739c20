package dev.nncompile.sym;

import java.util.List;

/** A call of a built-in scalar function. Built by {@link Exprs#call} and its named shorthands. */
public record Call(Fn fn, List<Expr> args) implements Expr {
    public Call {
        args = List.copyOf(args);
        if (args.size() != fn.arity()) {
            throw new IllegalArgumentException(fn.spelling() + " takes " + fn.arity() + " argument(s)");
        }
    }
}
