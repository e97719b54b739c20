package dev.nncompile.ast;

import dev.nncompile.source.SourceSpan;
import java.util.List;

/**
 * A formula as written. Numbers keep their text, parentheses are kept as {@link Paren}, unary minus is
 * {@link Neg}. The parser keeps the depth of any formula below a fixed bound, so walking it recursively is safe.
 */
public sealed interface Expr extends Node {

    /** {@code 1e-4}, as written */
    record Literal(String text, SourceSpan span) implements Expr {}

    /** a variable or parameter: {@code z}, {@code delta}; also {@code true}/{@code false} as values */
    record Ref(String name, SourceSpan span) implements Expr {}

    /** {@code sigmoid(z)}, {@code leaky_relu(z, alpha = 0.2)} */
    record Call(Name function, List<Arg> args, SourceSpan span) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** {@code ( inner )} */
    record Paren(Expr inner, SourceSpan span) implements Expr {}

    /** {@code -operand} */
    record Neg(Expr operand, SourceSpan span) implements Expr {}

    /** {@code left op right} for + - * / ^ */
    record Binary(BinaryOp op, Expr left, Expr right, SourceSpan span) implements Expr {}

    /** {@code left < right} and the other comparisons */
    record Compare(CompareOp op, Expr left, Expr right, SourceSpan span) implements Expr {}

    /** {@code left and right} ({@code and} true) or {@code left or right} */
    record Logic(boolean and, Expr left, Expr right, SourceSpan span) implements Expr {}

    /** {@code not operand} */
    record Not(Expr operand, SourceSpan span) implements Expr {}

    /** {@code if test then value else otherwise} */
    record If(Expr test, Expr then, Expr otherwise, SourceSpan span) implements Expr {}

    /** a piece the parser could not read (already reported); the checker skips it silently */
    record Missing(SourceSpan span) implements Expr {}
}
