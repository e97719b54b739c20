package dev.nncompile.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourceFileTest {
    @Test
    void linesAndColumnsAreOneBasedAndCountChars() {
        SourceFile f = new SourceFile("a.nn", "ab\r\n\tc\n\nz");
        assertEquals(4, f.lineCount());
        assertEquals(1, f.line(0));
        assertEquals(1, f.line(3)); // the \n itself ends line 1
        assertEquals(2, f.line(4));
        assertEquals(2, f.column(5)); // the tab counts as one column
        assertEquals("ab", f.lineText(1));
        assertEquals("\tc", f.lineText(2));
        assertEquals("", f.lineText(3));
        assertEquals(4, f.line(f.text().length()));
        assertEquals(2, f.column(f.text().length()));
    }

    @Test
    void offsetsOutsideTheTextAreClamped() {
        SourceFile f = new SourceFile("a.nn", "xy");
        assertEquals(1, f.line(-5));
        assertEquals(3, f.column(99));
    }

    @Test
    void diagnosticsAreSortedByPositionAndDeduplicated() {
        SourceFile f = new SourceFile("a.nn", "0123456789");
        Diagnostics d = new Diagnostics(f);
        d.report(DiagnosticCode.NN201, new SourceSpan(5, 6), "b");
        d.report(DiagnosticCode.NN101, new SourceSpan(1, 2), "a");
        d.report(DiagnosticCode.NN201, new SourceSpan(5, 6), "b");
        d.report(DiagnosticCode.NN904, new SourceSpan(0, 1), "w");
        List<Diagnostic> sorted = d.sorted();
        assertEquals(List.of("w", "a", "b"), sorted.stream().map(Diagnostic::message).toList());
        assertEquals(true, d.hasErrors());
        assertEquals(Severity.WARNING, sorted.get(0).severity());
    }

    @Test
    void everyCodeHasItsGroupsSeverityAndADescription() {
        for (DiagnosticCode c : DiagnosticCode.values()) {
            int n = Integer.parseInt(c.name().substring(2));
            assertEquals(n >= 900 && n < 999 ? Severity.WARNING : Severity.ERROR, c.severity(), c.name());
            assertEquals(false, c.description().isBlank(), c.name());
        }
    }
}
