package dev.nncompile.sym;

import java.util.Objects;

/** A named scalar variable, e.g. {@code z}, {@code a}, {@code y}. Built by {@link Exprs#var}. */
public record Var(String name) implements Expr {
    public Var {
        Objects.requireNonNull(name, "name");
    }
}
