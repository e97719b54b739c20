package dev.nncompile.train;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A minimal streaming JSON writer (RFC 8259) for the reports of {@code train} and {@code trace}: two-space
 * indentation, strings escaped, numbers in their shortest round-trip form, and NaN or infinity written as
 * {@code null} (JSON has no spelling for them). Misuse (a value where a name is due) is a bug and throws.
 *
 * <pre>{@code
 * JsonWriter json = new JsonWriter();
 * json.beginObject().name("loss").value(64.0).name("steps").beginArray().value(1).endArray().endObject();
 * json.toString();   // {\n  "loss": 64,\n  "steps": [\n    1\n  ]\n}
 * }</pre>
 */
public final class JsonWriter {
    private enum Scope { OBJECT, ARRAY }

    private final StringBuilder out = new StringBuilder();
    private final Deque<Scope> scopes = new ArrayDeque<>();
    /** Whether the current container already holds an element (a comma is due before the next). */
    private final Deque<Boolean> nonEmpty = new ArrayDeque<>();
    private boolean nameWritten;
    private boolean floatPrecision;
    /** Arrays of numbers only are written on one line, as matrices are read row by row. */
    private final Deque<Boolean> inline = new ArrayDeque<>();

    /** Numbers from {@code float} arithmetic are written with the fewest digits that read back as that float. */
    public JsonWriter floatPrecision(boolean enabled) {
        this.floatPrecision = enabled;
        return this;
    }

    public JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        push(Scope.OBJECT, false);
        return this;
    }

    public JsonWriter endObject() {
        return close(Scope.OBJECT, '}');
    }

    public JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        push(Scope.ARRAY, false);
        return this;
    }

    /** An array written on a single line: for short rows of numbers. */
    public JsonWriter beginInlineArray() {
        beforeValue();
        out.append('[');
        push(Scope.ARRAY, true);
        return this;
    }

    public JsonWriter endArray() {
        return close(Scope.ARRAY, ']');
    }

    public JsonWriter name(String name) {
        if (scopes.peek() != Scope.OBJECT || nameWritten) {
            throw new IllegalStateException("a name is only allowed directly inside an object");
        }
        separate();
        string(name);
        out.append(": ");
        nameWritten = true;
        return this;
    }

    public JsonWriter value(String s) {
        beforeValue();
        if (s == null) {
            out.append("null");
        } else {
            string(s);
        }
        return this;
    }

    public JsonWriter value(long v) {
        beforeValue();
        out.append(v);
        return this;
    }

    public JsonWriter value(boolean v) {
        beforeValue();
        out.append(v);
        return this;
    }

    /** A number; NaN and ±∞ become {@code null}. */
    public JsonWriter value(double v) {
        beforeValue();
        out.append(number(v, floatPrecision));
        return this;
    }

    /** A row of numbers on one line. */
    public JsonWriter values(double[] row) {
        beginInlineArray();
        for (double v : row) {
            value(v);
        }
        return endArray();
    }

    /** A matrix as an array of rows, each on its own line. */
    public JsonWriter matrix(double[][] rows) {
        beginArray();
        for (double[] row : rows) {
            values(row);
        }
        return endArray();
    }

    /** The document; complete only when every container was closed. */
    @Override
    public String toString() {
        return out.toString();
    }

    /** The finished document with a final newline; throws if a container is still open. */
    public String document() {
        if (!scopes.isEmpty()) {
            throw new IllegalStateException("unclosed " + scopes.peek());
        }
        return out + "\n";
    }

    /**
     * The JSON spelling of a number: integers without a fraction, others in the shortest form that reads back to
     * the same double (or float, with {@code floatPrecision}); NaN and infinities as {@code null}.
     */
    public static String number(double v, boolean floatPrecision) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return v == 0 && 1 / v < 0 ? "-0" : Long.toString((long) v);
        }
        // Float.toString / Double.toString give the shortest decimal that rounds back (JDK 19+ exactly, JDK 17
        // sometimes one digit more); their "1.0E-5" form is valid JSON.
        return floatPrecision && (float) v == v ? Float.toString((float) v) : Double.toString(v);
    }

    private void push(Scope scope, boolean inlineArray) {
        scopes.push(scope);
        nonEmpty.push(false);
        inline.push(inlineArray || isInline());
    }

    private boolean isInline() {
        return !inline.isEmpty() && inline.peek();
    }

    private JsonWriter close(Scope scope, char bracket) {
        if (scopes.peek() != scope || nameWritten) {
            throw new IllegalStateException("cannot close " + scope + " here");
        }
        boolean wasInline = isInline();
        scopes.pop();
        inline.pop();
        if (nonEmpty.pop() && !wasInline) {
            newline();
        }
        out.append(bracket);
        return this;
    }

    private void beforeValue() {
        if (scopes.isEmpty()) {
            if (out.length() > 0) {
                throw new IllegalStateException("a JSON document holds exactly one value");
            }
            return;
        }
        if (scopes.peek() == Scope.OBJECT) {
            if (!nameWritten) {
                throw new IllegalStateException("a value inside an object needs a name first");
            }
            nameWritten = false;
            return;
        }
        separate();
    }

    private void separate() {
        if (nonEmpty.peek()) {
            out.append(',');
            if (isInline()) {
                out.append(' ');
            }
        }
        nonEmpty.pop();
        nonEmpty.push(true);
        if (!isInline()) {
            newline();
        }
    }

    private void newline() {
        out.append('\n');
        for (int i = 0; i < scopes.size(); i++) {
            out.append("  ");
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // Control characters must be escaped (RFC 8259 §7); U+2028/9 too, so the text is also valid
                    // JavaScript, and lone surrogates, which are not Unicode text.
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || isLoneSurrogate(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean isLoneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }
}
