package dev.nncompile.source;

import java.util.List;

/**
 * The one place that turns a {@link Diagnostic} into text, in the style of rustc and cel-java:
 *
 * <pre>
 * specs/bad.nn:3:14: error[NN101]: unknown activation 'rleu'
 *     3 |     dense 30 rleu
 *       |              ^^^^
 *       = help: did you mean 'relu'?
 * </pre>
 *
 * The path is printed as given. The caret line spans the diagnostic's span on its first line (at least one
 * {@code ^}). Tabs are shown as spaces to the next multiple of {@value #TAB_WIDTH}, in the source line and under
 * it alike, so the caret stays aligned; control characters are shown as {@code ?}. A line longer than
 * {@value #MAX_SHOWN} chars is cut to a window around the caret, marked with {@code ...}.
 *
 * <pre>{@code
 * String text = DiagnosticRenderer.renderAll(result.diagnostics());
 * }</pre>
 */
public final class DiagnosticRenderer {
    static final int TAB_WIDTH = 4;
    static final int MAX_SHOWN = 120;
    /** How many chars of context a window keeps before the caret. */
    private static final int CONTEXT_BEFORE = 40;
    private static final String ELLIPSIS = "...";

    private DiagnosticRenderer() {}

    /** Every diagnostic, in the given order, separated by blank lines. */
    public static String renderAll(List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(render(d));
        }
        return out.toString();
    }

    /** One diagnostic: header, source line, caret line and an optional help line, each ending in a newline. */
    public static String render(Diagnostic d) {
        SourceFile file = d.file();
        int start = Math.min(d.span().start(), file.text().length());
        int line = file.line(start);
        int lineStart = file.lineStart(line);
        String raw = file.lineText(line);
        int caretFrom = Math.min(start - lineStart, raw.length());
        int caretTo = Math.min(Math.max(d.span().end(), start) - lineStart, raw.length());

        StringBuilder out = new StringBuilder();
        out.append(file.path()).append(':').append(line).append(':').append(caretFrom + 1).append(": ")
                .append(d.severity().label()).append('[').append(d.code().name()).append("]: ")
                .append(singleLine(d.message())).append('\n');

        // the window of raw chars to show
        int from = 0;
        int to = raw.length();
        if (raw.length() > MAX_SHOWN) {
            from = Math.max(0, caretFrom - CONTEXT_BEFORE);
            to = Math.min(raw.length(), from + MAX_SHOWN - 2 * ELLIPSIS.length());
            from = Math.max(0, Math.min(from, to - (MAX_SHOWN - 2 * ELLIPSIS.length())));
        }
        String prefix = from > 0 ? ELLIPSIS : "";
        String suffix = to < raw.length() ? ELLIPSIS : "";
        String shown = prefix + expand(raw.substring(from, to)) + suffix;
        int caretColumn = prefix.length() + expand(raw.substring(from, Math.max(from, caretFrom))).length();
        int caretEnd = prefix.length() + expand(raw.substring(from, Math.min(to, Math.max(caretTo, from)))).length();
        int carets = Math.max(1, caretEnd - caretColumn);

        String number = Integer.toString(line);
        int width = Math.max(5, number.length());
        String gutter = " ".repeat(width);
        out.append(" ".repeat(width - number.length())).append(number).append(" | ").append(shown).append('\n');
        out.append(gutter).append(" | ").append(" ".repeat(caretColumn)).append("^".repeat(carets)).append('\n');
        if (d.hint() != null && !d.hint().isEmpty()) {
            out.append(gutter).append(" = help: ").append(singleLine(d.hint())).append('\n');
        }
        return out.toString();
    }

    /** Tabs to spaces (stops every {@value #TAB_WIDTH} columns of the shown text), control chars to '?'. */
    static String expand(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t') {
                int spaces = TAB_WIDTH - out.length() % TAB_WIDTH;
                out.append(" ".repeat(spaces));
            } else if (Character.isISOControl(c) || Character.isSurrogate(c) && !validSurrogate(s, i)) {
                out.append('?');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** Messages quote user text; a newline in it must not break the one-line header. */
    private static String singleLine(String s) {
        return expand(s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' '));
    }
}
