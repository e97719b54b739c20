package dev.nncompile.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DiagnosticRendererTest {
    private static String render(String text, int start, int end, String hint) {
        SourceFile file = new SourceFile("specs/bad.nn", text);
        return DiagnosticRenderer.render(DiagnosticCode.NN101.at(file, new SourceSpan(start, end),
                "unknown activation 'rleu'", hint));
    }

    @Test
    void rendersHeaderSourceLineCaretAndHelp() {
        String text = "model M {\n    input 2\n    dense 30 rleu\n}\n";
        int at = text.indexOf("rleu");
        assertEquals("""
                specs/bad.nn:3:14: error[NN101]: unknown activation 'rleu'
                    3 |     dense 30 rleu
                      |              ^^^^
                      = help: did you mean 'relu'?
                """, render(text, at, at + 4, "did you mean 'relu'?"));
    }

    @Test
    void tabsAreExpandedAlikeInTheLineAndUnderIt() {
        String text = "\tdense\t30 rleu";
        int at = text.indexOf("rleu");
        String out = render(text, at, at + 4, null);
        assertEquals("""
                specs/bad.nn:1:11: error[NN101]: unknown activation 'rleu'
                    1 |     dense   30 rleu
                      |                ^^^^
                """, out);
    }

    @Test
    void lastLineWithoutNewlineAndSpanAtTheEnd() {
        String text = "model M {\n    input 2";
        String out = render(text, text.length(), text.length(), null);
        assertEquals("""
                specs/bad.nn:2:12: error[NN101]: unknown activation 'rleu'
                    2 |     input 2
                      |            ^
                """, out);
    }

    @Test
    void emptyFileStillShowsALineAndOneCaret() {
        assertEquals("""
                specs/bad.nn:1:1: error[NN101]: unknown activation 'rleu'
                    1 |\s
                      | ^
                """, render("", 0, 0, null));
    }

    @Test
    void longLinesAreWindowedAroundTheCaret() {
        String text = "x".repeat(1_000_000) + " rleu " + "y".repeat(1_000_000);
        int at = text.indexOf("rleu");
        String out = render(text, at, at + 4, null);
        String[] lines = out.split("\n");
        assertEquals("specs/bad.nn:1:1000002: error[NN101]: unknown activation 'rleu'", lines[0]);
        assertTrue(lines[1].length() <= 130, "the shown line is windowed: " + lines[1].length());
        assertTrue(lines[1].startsWith("    1 | ...") && lines[1].endsWith("..."), lines[1]);
        int caret = lines[2].indexOf('^');
        assertEquals("rleu", lines[1].substring(caret, caret + 4));
        assertEquals(4, lines[2].length() - caret);
    }

    @Test
    void spanOverSeveralLinesIsCutAtTheFirstLineEnd() {
        String text = "ab\ncd";
        assertEquals("""
                specs/bad.nn:1:2: error[NN101]: unknown activation 'rleu'
                    1 | ab
                      |  ^
                """, render(text, 1, 5, null));
    }

    @Test
    void controlCharactersAndCrlfDoNotBreakTheLayout() {
        String text = "a\u0001b rleu\r\nnext";
        int at = text.indexOf("rleu");
        assertEquals("""
                specs/bad.nn:1:5: error[NN101]: unknown activation 'rleu'
                    1 | a?b rleu
                      |     ^^^^
                """, render(text, at, at + 4, null));
    }

    @Test
    void warningsAndSeveralDiagnostics() {
        SourceFile file = new SourceFile("w.nn", "loss bce");
        Diagnostic w = DiagnosticCode.NN903.at(file, new SourceSpan(5, 8), "bce needs outputs in (0, 1)");
        assertEquals("""
                w.nn:1:6: warning[NN903]: bce needs outputs in (0, 1)
                    1 | loss bce
                      |      ^^^

                w.nn:1:6: warning[NN903]: bce needs outputs in (0, 1)
                    1 | loss bce
                      |      ^^^
                """, DiagnosticRenderer.renderAll(java.util.List.of(w, w)));
    }
}
