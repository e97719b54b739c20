package dev.nncompile.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The line-by-line reader behind {@link CsvTable}. Hand-written because the files are plain numbers; quoting is
 * understood within a line (RFC 4180 without line breaks inside quotes) so that a quoted header or number is read
 * rather than misreported.
 *
 * <pre>{@code
 * CsvTable t = new CsvParser("a,b\n1,2\n", "t.csv", CsvTable.Header.AUTO).parse();
 * }</pre>
 */
final class CsvParser {
    private final String text;
    private final String file;
    private final CsvTable.Header header;

    private int pos;
    private int line;

    CsvParser(String text, String file, CsvTable.Header header) {
        this.text = text;
        this.file = file;
        this.header = header;
    }

    CsvTable parse() throws DataException {
        pos = text.startsWith("\uFEFF") ? 1 : 0;
        List<String> names = null;
        int columns = -1;
        double[] values = new double[64];
        int count = 0;
        int[] lines = new int[16];
        int rows = 0;
        String raw;
        while ((raw = nextLine()) != null) {
            String trimmed = raw.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            List<String> fields = split(raw);
            if (columns < 0) {
                columns = fields.size();
                boolean isHeader = header == CsvTable.Header.PRESENT
                        || (header == CsvTable.Header.AUTO && fields.stream().anyMatch(f -> !isNumber(f)));
                if (isHeader) {
                    names = fields;
                    continue;
                }
            } else if (fields.size() != columns) {
                throw new DataException(file, line, "expected " + columns + " fields, found " + fields.size());
            }
            if ((long) count + columns > Integer.MAX_VALUE - 8) {
                throw new DataException(file, line, "too many values for one table");
            }
            if (count + columns > values.length) {
                values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8,
                        Math.max((long) values.length * 2, (long) count + columns)));
            }
            for (int c = 0; c < columns; c++) {
                values[count++] = number(fields.get(c), c + 1);
            }
            if (rows == lines.length) {
                lines = Arrays.copyOf(lines, rows * 2);
            }
            lines[rows++] = line;
        }
        if (rows == 0) {
            throw new DataException(file, names == null ? "no data rows" : "no data rows after the header");
        }
        return new CsvTable(file, names, rows, columns, Arrays.copyOf(values, count), Arrays.copyOf(lines, rows));
    }

    /** The next physical line without its terminator (\n, \r\n or \r), or null at the end. */
    private String nextLine() {
        if (pos >= text.length()) {
            return null;
        }
        line++;
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n' || c == '\r') {
                String result = text.substring(start, pos);
                pos += (c == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') ? 2 : 1;
                return result;
            }
            pos++;
        }
        return text.substring(start);
    }

    /** Fields of one line, unquoted and stripped of surrounding spaces and tabs. */
    private List<String> split(String raw) throws DataException {
        List<String> fields = new ArrayList<>();
        int i = 0;
        int n = raw.length();
        while (true) {
            while (i < n && isBlank(raw.charAt(i))) {
                i++;
            }
            StringBuilder field = new StringBuilder();
            if (i < n && raw.charAt(i) == '"') {
                int column = fields.size() + 1;
                i++;
                while (true) {
                    if (i >= n) {
                        throw new DataException(file, line, column, "unterminated quoted field");
                    }
                    char c = raw.charAt(i++);
                    if (c == '"') {
                        if (i < n && raw.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                while (i < n && isBlank(raw.charAt(i))) {
                    i++;
                }
                if (i < n && raw.charAt(i) != ',') {
                    int comma = raw.indexOf(',', i);
                    throw new DataException(file, line, column, "text after a quoted field: "
                            + DataException.quote(raw.substring(i, comma < 0 ? n : comma)));
                }
                fields.add(field.toString().strip());
            } else {
                int start = i;
                while (i < n && raw.charAt(i) != ',') {
                    i++;
                }
                fields.add(raw.substring(start, i).strip());
            }
            if (i >= n) {
                return fields;
            }
            i++; // the comma
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private double number(String field, int column) throws DataException {
        if (field.isEmpty()) {
            throw new DataException(file, line, column, "empty field");
        }
        if (!isNumber(field)) {
            throw new DataException(file, line, column, "not a number: " + DataException.quote(field));
        }
        double v = Double.parseDouble(field);
        if (Double.isInfinite(v)) {
            throw new DataException(file, line, column, "number out of range: " + DataException.quote(field));
        }
        return v;
    }

    /**
     * A plain decimal: {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}. Stricter than
     * {@link Double#parseDouble}, which also takes "NaN", "Infinity", hex and a trailing "d" or "f" — none of which
     * belongs in training data. A hand-written scan, linear in the field's length.
     */
    static boolean isNumber(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int intDigits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            intDigits++;
        }
        int fracDigits = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                fracDigits++;
            }
        }
        if (intDigits + fracDigits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
