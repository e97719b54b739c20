package dev.nncompile.ast;

import dev.nncompile.source.SourceSpan;
import java.util.List;

/**
 * A use of a named thing with optional arguments: {@code relu}, {@code leaky_relu(alpha = 0.2)}, {@code l2(1e-4)},
 * {@code adam()}.
 *
 * @param parenthesized whether parentheses were written (so {@code adam()} prints back as written)
 */
public record FnRef(Name name, List<Arg> args, boolean parenthesized, SourceSpan span) implements Node {
    public FnRef {
        args = List.copyOf(args);
    }
}
