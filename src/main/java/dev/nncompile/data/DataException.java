package dev.nncompile.data;

/**
 * A problem with a user's data or weights file, located like a compiler diagnostic: {@code file:row:column: what}.
 * Rows and columns are 1-based; 0 means "does not apply". The message is meant to be shown as is, with no stack
 * trace.
 *
 * <pre>{@code
 * throw new DataException("iris.csv", 17, 3, "not a number: 'abc'");   // iris.csv:17:3: not a number: 'abc'
 * throw new DataException("w.safetensors", "header length 9999 exceeds the file size 120");
 * }</pre>
 */
public final class DataException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Longest piece of offending input quoted in a message. */
    static final int QUOTE_LIMIT = 40;

    private final String file;
    private final long row;
    private final int column;
    private final String detail;

    public DataException(String file, String detail) {
        this(file, 0, 0, detail);
    }

    public DataException(String file, long row, String detail) {
        this(file, row, 0, detail);
    }

    public DataException(String file, long row, int column, String detail) {
        super(format(file, row, column, detail));
        this.file = file;
        this.row = row;
        this.column = column;
        this.detail = detail;
    }

    /** The file as the user named it. */
    public String file() {
        return file;
    }

    /** The 1-based row (line or item), or 0. */
    public long row() {
        return row;
    }

    /** The 1-based column (field), or 0. */
    public int column() {
        return column;
    }

    /** The message without its location. */
    public String detail() {
        return detail;
    }

    private static String format(String file, long row, int column, String detail) {
        StringBuilder out = new StringBuilder(file);
        if (row > 0) {
            out.append(':').append(row);
            if (column > 0) {
                out.append(':').append(column);
            }
        }
        return out.append(": ").append(detail).toString();
    }

    /**
     * Quotes untrusted text for a message: at most {@value #QUOTE_LIMIT} characters, control and other invisible
     * characters escaped, so a hostile file cannot rewrite the user's terminal.
     */
    static String quote(CharSequence text) {
        StringBuilder out = new StringBuilder("'");
        int limit = Math.min(text.length(), QUOTE_LIMIT);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '\\') {
                out.append('\\').append(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i)); // a well-formed pair, e.g. an emoji in a header name
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.isSurrogate(c)
                    || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('\'');
        if (text.length() > QUOTE_LIMIT) {
            out.append("...");
        }
        return out.toString();
    }
}
