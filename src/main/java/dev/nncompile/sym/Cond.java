package dev.nncompile.sym;

/**
 * {@code if test then then else otherwise}. Kinks are written with it (relu is {@code if z > 0 then z else 0}), so
 * its derivative takes the branch the test picks: relu′(0) = 0 falls out of the strict comparison.
 */
public record Cond(Test test, Expr then, Expr otherwise) implements Expr {}
