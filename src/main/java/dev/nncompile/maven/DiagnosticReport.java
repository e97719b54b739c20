package dev.nncompile.maven;

import dev.nncompile.source.Diagnostic;
import dev.nncompile.source.DiagnosticRenderer;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.logging.Log;
import org.codehaus.plexus.build.BuildContext;

/**
 * Prints what the compiler said about the specs through the Maven log: each diagnostic as the one renderer renders
 * it ({@code /abs/Xor.nn:3:11: error[NN101]: …}, the source line, the caret line), errors at error level and warnings
 * at warning level. In an IDE's incremental build ({@code BuildContext.isIncremental()}, m2e) each one also becomes
 * a marker on the spec; on the command line it does not, because the default {@code BuildContext} would print every
 * marker a second time in its own format.
 *
 * <pre>{@code
 * new DiagnosticReport(getLog(), buildContext).print(outcome.diagnostics(), outcome.allProblems());
 * }</pre>
 */
final class DiagnosticReport {
    private final Log log;
    private final BuildContext buildContext;

    DiagnosticReport(Log log, BuildContext buildContext) {
        this.log = log;
        this.buildContext = buildContext;
    }

    /** Clears the IDE markers of specs about to be compiled again, so fixed problems disappear. */
    void clearMarkers(List<Path> specs) {
        if (buildContext.isIncremental()) {
            specs.forEach(spec -> buildContext.removeMessages(spec.toFile()));
        }
    }

    void print(List<Diagnostic> diagnostics, List<String> problems) {
        for (Diagnostic d : diagnostics) {
            String rendered = stripTrailingNewlines(DiagnosticRenderer.render(d));
            if (d.isError()) {
                log.error(rendered);
            } else {
                log.warn(rendered);
            }
            if (buildContext.isIncremental()) {
                int severity = d.isError() ? BuildContext.SEVERITY_ERROR : BuildContext.SEVERITY_WARNING;
                buildContext.addMessage(new File(d.file().path()), d.line(), d.column(),
                        d.code() + ": " + d.message(), severity, null);
            }
        }
        problems.forEach(log::error);
    }

    /** {@code "1 error"}, {@code "3 warnings"}. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String stripTrailingNewlines(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }
}
