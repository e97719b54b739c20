package dev.nncompile.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nncompile.source.Diagnostic;
import dev.nncompile.source.DiagnosticCode;
import dev.nncompile.source.DiagnosticRenderer;
import dev.nncompile.source.Severity;
import dev.nncompile.source.SourceFile;
import dev.nncompile.source.SourceSpan;
import java.io.File;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.codehaus.plexus.build.BuildContext;
import org.codehaus.plexus.util.Scanner;
import org.junit.jupiter.api.Test;

/** Diagnostics reach the Maven log through the one renderer, and IDE markers only in incremental builds. */
class DiagnosticReportTest {
    private static final SourceFile SPEC = new SourceFile("/abs/src/main/nn/com/acme/Bad.nn",
            "model Bad {\n    input 2\n    dense 4 rleu\n}\n");
    private static final Diagnostic ERROR = new Diagnostic(DiagnosticCode.NN101, Severity.ERROR, SPEC,
            new SourceSpan(36, 40), "unknown activation 'rleu'", "did you mean 'relu'?");
    private static final Diagnostic WARNING = new Diagnostic(DiagnosticCode.NN904, Severity.WARNING, SPEC,
            new SourceSpan(16, 21), "a learning rate above 10", null);

    /** Keeps what the mojo logged, level by level. */
    static final class RecordingLog extends SystemStreamLog {
        final List<String> lines = new ArrayList<>();

        @Override
        public void error(CharSequence content) {
            lines.add("error: " + content);
        }

        @Override
        public void warn(CharSequence content) {
            lines.add("warn: " + content);
        }

        @Override
        public void info(CharSequence content) {
            lines.add("info: " + content);
        }
    }

    /** A BuildContext that records markers; incremental or not. */
    static final class RecordingBuildContext implements BuildContext {
        final boolean incremental;
        final List<String> markers = new ArrayList<>();

        RecordingBuildContext(boolean incremental) {
            this.incremental = incremental;
        }

        @Override
        public boolean isIncremental() {
            return incremental;
        }

        @Override
        public void addMessage(File file, int line, int column, String message, int severity, Throwable cause) {
            markers.add(file + ":" + line + ":" + column + ":" + severity + ":" + message);
        }

        @Override
        public void removeMessages(File file) {
            markers.add("clear " + file);
        }

        @Override
        public void addWarning(File file, int line, int column, String message, Throwable cause) {
            addMessage(file, line, column, message, SEVERITY_WARNING, cause);
        }

        @Override
        public void addError(File file, int line, int column, String message, Throwable cause) {
            addMessage(file, line, column, message, SEVERITY_ERROR, cause);
        }

        @Override
        public boolean hasDelta(String relpath) {
            return true;
        }

        @Override
        public boolean hasDelta(File file) {
            return true;
        }

        @Override
        public boolean hasDelta(List<String> relpaths) {
            return true;
        }

        @Override
        public void refresh(File file) {}

        @Override
        public OutputStream newFileOutputStream(File file) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Scanner newScanner(File basedir) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Scanner newDeleteScanner(File basedir) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Scanner newScanner(File basedir, boolean ignoreDelta) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setValue(String key, Object value) {}

        @Override
        public Object getValue(String key) {
            return null;
        }

        @Override
        public boolean isUptodate(File target, File source) {
            return false;
        }
    }

    @Test
    void everyDiagnosticIsLoggedAsRenderedAtItsLevel() {
        RecordingLog log = new RecordingLog();
        RecordingBuildContext context = new RecordingBuildContext(false);

        new DiagnosticReport(log, context).print(List.of(ERROR, WARNING), List.of("/abs/x.nn: error: clash"));

        assertEquals(List.of(
                "error: " + DiagnosticRenderer.render(ERROR).stripTrailing(),
                "warn: " + DiagnosticRenderer.render(WARNING).stripTrailing(),
                "error: /abs/x.nn: error: clash"), log.lines);
        String first = log.lines.get(0);
        assertTrue(first.startsWith("error: /abs/src/main/nn/com/acme/Bad.nn:3:13: error[NN101]: "), first);
        assertTrue(first.contains("\n    3 |     dense 4 rleu\n"), first);
        assertTrue(first.contains("\n      |             ^^^^"), first);
        assertEquals(List.of(), context.markers, "the command line must not get markers (they are printed twice)");
    }

    @Test
    void incrementalBuildsAlsoGetMarkers() {
        RecordingBuildContext context = new RecordingBuildContext(true);
        DiagnosticReport report = new DiagnosticReport(new RecordingLog(), context);

        report.clearMarkers(List.of(Path.of(SPEC.path())));
        report.print(List.of(ERROR, WARNING), List.of());

        assertEquals(List.of(
                "clear " + SPEC.path(),
                SPEC.path() + ":3:13:" + BuildContext.SEVERITY_ERROR + ":NN101: unknown activation 'rleu'",
                SPEC.path() + ":2:5:" + BuildContext.SEVERITY_WARNING + ":NN904: a learning rate above 10"),
                context.markers);
    }

    @Test
    void countsAreSingularOrPlural() {
        assertEquals("1 error", DiagnosticReport.count(1, "error"));
        assertEquals("0 errors", DiagnosticReport.count(0, "error"));
        assertEquals("3 warnings", DiagnosticReport.count(3, "warning"));
    }
}
