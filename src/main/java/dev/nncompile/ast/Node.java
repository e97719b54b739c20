package dev.nncompile.ast;

import dev.nncompile.source.SourceSpan;

/**
 * Every AST record: what the user wrote, where. The AST keeps the spec as written (parentheses included, numbers as
 * their text); meaning is the checker's job.
 *
 * <pre>{@code
 * SpecFile file = SpecParser.parse(source, diagnostics);
 * for (TopItem item : file.items()) { ... item.span() ... }
 * }</pre>
 */
public interface Node {
    SourceSpan span();
}
