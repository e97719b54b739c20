package dev.nncompile.data;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A numeric CSV file: comma-separated decimal numbers, the same number of fields on every row. Blank lines and lines
 * starting with {@code #} are skipped; spaces around fields are ignored; a field may be quoted ({@code "1.5"}, with
 * {@code ""} for a quote inside). The first row is a header when any of its fields is not a number (or as told by
 * {@link Header}). Every error names the file, the 1-based line and, where it applies, the 1-based field.
 *
 * <pre>{@code
 * CsvTable iris = CsvTable.read(Path.of("iris.csv"));
 * int label = iris.column("-1");                // the last column; or by index "4", or by header name
 * Dataset d = iris.toClassification(label, 3);  // one-hot targets for 3 output units
 * }</pre>
 *
 * @param file the file as the user named it, for messages
 * @param columnNames the header's fields, or {@code null} when there is no header
 * @param rows number of data rows
 * @param columns number of fields per row
 * @param lines the 1-based line number of each data row in the file, for messages about a row
 */
public record CsvTable(String file, List<String> columnNames, int rows, int columns, double[] values, int[] lines) {
    /** Whether the first row is a header. */
    public enum Header {
        /** A header when any field of the first row is not a number. */
        AUTO,
        PRESENT,
        ABSENT
    }

    /** Largest file read, in bytes (1 GiB): the bytes and then the text are held in memory. */
    static final long MAX_FILE_BYTES = 1L << 30;

    public CsvTable {
        columnNames = columnNames == null ? null : Collections.unmodifiableList(new ArrayList<>(columnNames));
        if ((long) rows * columns != values.length || lines.length != rows) {
            throw new IllegalArgumentException("rows × columns does not match the values");
        }
    }

    /** Reads a file with header auto-detection. */
    public static CsvTable read(Path path) throws DataException {
        return read(path, Header.AUTO);
    }

    /** Reads a file; I/O problems are reported as {@link DataException}s too. */
    public static CsvTable read(Path path, Header header) throws DataException {
        String name = path.toString();
        byte[] bytes = DataFiles.read(path, MAX_FILE_BYTES);
        return parse(bytes, name, header);
    }

    /** Parses UTF-8 bytes (a byte-order mark is skipped). */
    public static CsvTable parse(byte[] bytes, String file, Header header) throws DataException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new DataException(file, "not UTF-8 text (is it a binary file?)");
        }
        return parse(text, file, header);
    }

    /** Parses CSV text. */
    public static CsvTable parse(String text, String file, Header header) throws DataException {
        return new CsvParser(text, file, header).parse();
    }

    /** Value at {@code row}, {@code column} (0-based). */
    public double value(int row, int column) {
        return values[row * columns + column];
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public int[] lines() {
        return lines.clone();
    }

    /**
     * Resolves a column named on the command line: a 0-based index as NumPy and pandas count ({@code "0"} is the
     * first column; a negative index counts from the end, {@code "-1"} is the last), or else a header name.
     */
    public int column(String spec) throws DataException {
        // An index wins over a header name: sklearn's iris.csv header is "150,4,setosa,...", and "4" means column 4.
        if (spec.matches("-?[0-9]{1,9}")) {
            int index = Integer.parseInt(spec);
            int resolved = index < 0 ? columns + index : index;
            if (resolved < 0 || resolved >= columns) {
                throw new DataException(file, "column " + spec + " does not exist: the file has " + columns
                        + " columns (0.." + (columns - 1) + ", or -1 for the last)");
            }
            return resolved;
        }
        if (columnNames != null) {
            int found = columnNames.indexOf(spec);
            if (found >= 0) {
                return found;
            }
        }
        throw new DataException(file, "no column named " + DataException.quote(spec)
                + (columnNames == null ? " (the file has no header row)" : "; columns: " + String.join(", ",
                columnNames.size() > 20 ? columnNames.subList(0, 20) : columnNames)));
    }

    /**
     * The class labels in {@code column}: each must be an integer ≥ 0.
     *
     * @throws DataException at the row and column of the first value that is not a class index
     */
    public int[] labels(int column) throws DataException {
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            double v = value(r, column);
            if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) {
                throw new DataException(file, lines[r], column + 1, "label " + format(v)
                        + " is not a class index (an integer ≥ 0)");
            }
            out[r] = (int) v;
        }
        return out;
    }

    /** The columns {@code selected}, in that order, row-major. */
    public double[] select(int... selected) {
        double[] out = new double[rows * selected.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < selected.length; c++) {
                out[r * selected.length + c] = value(r, selected[c]);
            }
        }
        return out;
    }

    /** The indices of all columns except {@code excluded}. */
    public int[] columnsExcept(int... excluded) {
        return java.util.stream.IntStream.range(0, columns)
                .filter(c -> Arrays.stream(excluded).noneMatch(x -> x == c)).toArray();
    }

    /**
     * Features = every column but {@code labelColumn}; targets from the labels as {@link Dataset#ofClasses} makes
     * them for an output layer of {@code outputs} units.
     */
    public Dataset toClassification(int labelColumn, int outputs) throws DataException {
        int[] features = columnsExcept(labelColumn);
        return Dataset.ofClasses(file, lines, features.length, select(features), labels(labelColumn), outputs);
    }

    /** Features = every column not in {@code targetColumns}; targets = those columns, in the given order. */
    public Dataset toRegression(int... targetColumns) {
        int[] features = columnsExcept(targetColumns);
        return Dataset.ofTargets(rows, features.length, select(features), targetColumns.length,
                select(targetColumns));
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
