package dev.nncompile.source;

import java.util.Objects;

/**
 * One finding about a spec: what (code, message), where (file, span) and how bad (severity), with an optional
 * hint. Errors are data: the core never throws for a user's mistake, it returns these.
 *
 * <pre>{@code
 * Diagnostic d = DiagnosticCode.NN101.at(file, span, "unknown activation 'rleu'", "did you mean 'relu'?");
 * System.out.print(DiagnosticRenderer.render(d));
 * }</pre>
 *
 * @param hint one line printed as {@code = help: …}; null for none
 */
public record Diagnostic(DiagnosticCode code, Severity severity, SourceFile file, SourceSpan span, String message,
                         String hint) {
    public Diagnostic {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(message, "message");
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** 1-based line of the span's start. */
    public int line() {
        return file.line(span.start());
    }

    /** 1-based column of the span's start, counting chars. */
    public int column() {
        return file.column(span.start());
    }
}
