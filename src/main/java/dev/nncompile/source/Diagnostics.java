package dev.nncompile.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Collects the diagnostics of one file while the stages run, then hands them out ordered by position and without
 * duplicates. A stage reports and carries on, so one run shows every error of the file.
 *
 * <pre>{@code
 * Diagnostics diagnostics = new Diagnostics(file);
 * diagnostics.report(DiagnosticCode.NN201, span, "a layer size must be at least 1", null);
 * List<Diagnostic> sorted = diagnostics.sorted();
 * }</pre>
 */
public final class Diagnostics {
    /** Beyond this many, further reports are dropped: nobody reads the 1001st error of a garbage file. */
    public static final int LIMIT = 1000;

    private static final Comparator<Diagnostic> BY_POSITION = Comparator
            .comparingInt((Diagnostic d) -> d.span().start())
            .thenComparingInt(d -> d.span().end())
            .thenComparing(Diagnostic::code)
            .thenComparing(Diagnostic::message);

    private final SourceFile file;
    private final List<Diagnostic> all = new ArrayList<>();

    public Diagnostics(SourceFile file) {
        this.file = file;
    }

    public SourceFile file() {
        return file;
    }

    public void add(Diagnostic diagnostic) {
        if (all.size() < LIMIT) {
            all.add(diagnostic);
        }
    }

    public void report(DiagnosticCode code, SourceSpan span, String message, String hint) {
        add(code.at(file, span, message, hint));
    }

    public void report(DiagnosticCode code, SourceSpan span, String message) {
        report(code, span, message, null);
    }

    public boolean hasErrors() {
        for (Diagnostic d : all) {
            if (d.isError()) {
                return true;
            }
        }
        return false;
    }

    /** True if an error lies within {@code span} (inclusive of its end, where "expected '}'" errors sit). */
    public boolean hasErrorWithin(SourceSpan span) {
        for (Diagnostic d : all) {
            if (d.isError() && d.span().start() >= span.start() && d.span().start() <= span.end()) {
                return true;
            }
        }
        return false;
    }

    public int errorCount() {
        int n = 0;
        for (Diagnostic d : all) {
            if (d.isError()) {
                n++;
            }
        }
        return n;
    }

    public int size() {
        return all.size();
    }

    /** Ordered by start, end, code, message; exact duplicates removed. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(all);
        copy.sort(BY_POSITION);
        return List.copyOf(new LinkedHashSet<>(copy));
    }
}
