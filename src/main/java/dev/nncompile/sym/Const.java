package dev.nncompile.sym;

/** A real constant. Built by {@link Exprs#constant}. */
public record Const(double value) implements Expr {}
