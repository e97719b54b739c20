package dev.nncompile.ast;

import dev.nncompile.source.SourceSpan;
import java.util.List;

/**
 * A user formula: {@code activation swish_beta(z; beta = 1) = z * sigmoid(beta * z)} or
 * {@code loss huber(p, y; delta = 1) = …}.
 *
 * @param variables the names before the semicolon: one for an activation (z), two for a loss (p, y)
 * @param params    the named parameters after the semicolon, each with an optional default
 */
public record Definition(Kind kind, Name name, List<Name> variables, List<Param> params, Expr body,
                         SourceSpan span) implements TopItem {
    public enum Kind {
        ACTIVATION("activation"), LOSS("loss");

        private final String keyword;

        Kind(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    public Definition {
        variables = List.copyOf(variables);
        params = List.copyOf(params);
    }

    /** {@code delta = 1}; {@code defaultValue} is null when the parameter has none. */
    public record Param(Name name, Expr defaultValue, SourceSpan span) implements Node {}
}
