package dev.nncompile.ast;

import dev.nncompile.source.SourceSpan;
import java.util.List;

/** {@code model Name { statements }}. */
public record ModelDecl(Name name, List<Statement> statements, SourceSpan span) implements TopItem {
    public ModelDecl {
        statements = List.copyOf(statements);
    }
}
