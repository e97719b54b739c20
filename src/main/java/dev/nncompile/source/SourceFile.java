package dev.nncompile.source;

import java.util.Arrays;
import java.util.Objects;

/**
 * A spec's text and the path it was read from, with line/column lookup. Lines and columns are 1-based; a line ends
 * at {@code '\n'} (a preceding {@code '\r'} is not part of the line); columns count chars, a tab is one column.
 *
 * <pre>{@code
 * SourceFile file = new SourceFile("specs/xor.nn", text);
 * int line = file.line(span.start());
 * String shown = file.lineText(line);
 * }</pre>
 *
 * @param path as the user gave it; printed verbatim, never made absolute
 */
public record SourceFile(String path, String text) {
    public SourceFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
    }

    /** The 1-based line holding {@code offset}; an offset at the very end belongs to the last line. */
    public int line(int offset) {
        int[] starts = lineStarts();
        int i = Arrays.binarySearch(starts, clamp(offset));
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** The 1-based column of {@code offset} on its line, counting chars. */
    public int column(int offset) {
        int o = clamp(offset);
        return o - lineStart(line(o)) + 1;
    }

    public int lineCount() {
        return lineStarts().length;
    }

    /** Offset of the first char of a 1-based line. */
    public int lineStart(int line) {
        return lineStarts()[line - 1];
    }

    /** Offset just past the last char of a 1-based line, before its {@code \n} or {@code \r\n}. */
    public int lineEnd(int line) {
        int[] starts = lineStarts();
        int end = line < starts.length ? starts[line] - 1 : text.length();
        if (end > starts[line - 1] && text.charAt(end - 1) == '\r') {
            end--;
        }
        return end;
    }

    /** The text of a 1-based line without its line break. */
    public String lineText(int line) {
        return text.substring(lineStart(line), lineEnd(line));
    }

    private int clamp(int offset) {
        return Math.max(0, Math.min(offset, text.length()));
    }

    // computed on demand: a record cannot cache, and diagnostics are rare enough for a scan per lookup to be cheap
    private int[] lineStarts() {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        int[] starts = new int[count];
        int k = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[k++] = i + 1;
            }
        }
        return starts;
    }
}
