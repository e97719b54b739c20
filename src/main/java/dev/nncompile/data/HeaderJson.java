package dev.nncompile.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON subset a safetensors header uses: objects, arrays, strings with escapes and numbers (kept as their text,
 * so that integers are read exactly). {@code true}, {@code false} and {@code null} are accepted as values so that a
 * header with them gets a precise complaint from the caller rather than "invalid JSON". Duplicate keys and nesting
 * deeper than {@value #MAX_DEPTH} are rejected: the header is untrusted input.
 *
 * <pre>{@code
 * Object header = HeaderJson.parse("{\"a\": [1, 2]}", "w.safetensors");  // Map{a=[Number[1], Number[2]]}
 * }</pre>
 */
final class HeaderJson {
    /** Deep enough for any real header (depth 3), shallow enough that recursion cannot overflow the stack. */
    static final int MAX_DEPTH = 64;

    /** A JSON number, kept as written. */
    record Number(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** A JSON literal ({@code true}, {@code false}, {@code null}). */
    record Literal(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    private final String text;
    private final String file;
    private int pos;

    private HeaderJson(String text, String file) {
        this.text = text;
        this.file = file;
    }

    /** Parses one JSON value that must be followed only by whitespace. */
    static Object parse(String text, String file) throws DataException {
        HeaderJson parser = new HeaderJson(text, file);
        parser.skipWhitespace();
        Object value = parser.value(0);
        parser.skipWhitespace();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected " + parser.describeHere() + " after the header object");
        }
        return value;
    }

    private Object value(int depth) throws DataException {
        if (depth >= MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
        if (pos >= text.length()) {
            throw error("unexpected end of the header");
        }
        char c = text.charAt(pos);
        if (c == '{') {
            return object(depth);
        } else if (c == '[') {
            return array(depth);
        } else if (c == '"') {
            return string();
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
        } else if (text.startsWith("true", pos) || text.startsWith("null", pos)) {
            pos += 4;
            return new Literal(text.substring(pos - 4, pos));
        } else if (text.startsWith("false", pos)) {
            pos += 5;
            return new Literal("false");
        }
        throw error("unexpected " + describeHere());
    }

    private Map<String, Object> object(int depth) throws DataException {
        Map<String, Object> members = new LinkedHashMap<>();
        pos++; // '{'
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return members;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a quoted key, found " + describeHere());
            }
            int keyAt = pos;
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object member = value(depth + 1);
            if (members.containsKey(key)) {
                throw new DataException(file, "duplicate key " + DataException.quote(key)
                        + " in the header (at byte " + keyAt + ")");
            }
            members.put(key, member);
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                return members;
            } else if (c != ',') {
                pos--;
                throw error("expected ',' or '}', found " + describeHere());
            }
        }
    }

    private List<Object> array(int depth) throws DataException {
        List<Object> items = new ArrayList<>();
        pos++; // '['
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return items;
        }
        while (true) {
            skipWhitespace();
            items.add(value(depth + 1));
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') {
                return items;
            } else if (c != ',') {
                pos--;
                throw error("expected ',' or ']', found " + describeHere());
            }
        }
    }

    private String string() throws DataException {
        int start = pos;
        pos++; // opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                pos = start;
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            } else if (c < 0x20) {
                pos--;
                throw error("raw control character in a string");
            } else if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated escape");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case '/' -> out.append('/');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(hexEscape());
                default -> {
                    pos -= 2;
                    throw error("invalid escape " + DataException.quote(text.substring(pos, pos + 2)));
                }
            }
        }
    }

    private char hexEscape() throws DataException {
        if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos + i), 16);
            if (digit < 0) {
                throw error("invalid \\u escape");
            }
            value = value * 16 + digit;
        }
        pos += 4;
        return (char) value;
    }

    private Number number() throws DataException {
        // RFC 8259 number grammar: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error("invalid number");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw error("invalid number");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("invalid number");
            }
            digits();
        }
        return new Number(text.substring(start, pos));
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void expect(char c) throws DataException {
        if (peek() != c) {
            throw error("expected '" + c + "', found " + describeHere());
        }
        pos++;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private String describeHere() {
        if (pos >= text.length()) {
            return "end of the header";
        }
        return DataException.quote(text.substring(pos, Math.min(text.length(), pos + 10)));
    }

    private DataException error(String what) {
        return new DataException(file, "invalid JSON header at character " + pos + ": " + what);
    }
}
