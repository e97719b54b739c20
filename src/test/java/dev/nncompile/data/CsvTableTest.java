package dev.nncompile.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {
    @TempDir
    Path dir;

    private static CsvTable parse(String text) throws DataException {
        return CsvTable.parse(text, "t.csv", CsvTable.Header.AUTO);
    }

    private static String error(String text) {
        return assertThrows(DataException.class, () -> parse(text)).getMessage();
    }

    @Test
    void readsHeaderCommentsBlankLinesAndSpaces() throws Exception {
        CsvTable t = parse("# measurements\n\nx, y ,label\r\n 1.5, -2e3,0\n\n  # another\n.5,+3,  1\n");
        assertEquals(List.of("x", "y", "label"), t.columnNames());
        assertEquals(2, t.rows());
        assertEquals(3, t.columns());
        assertArrayEquals(new double[] {1.5, -2000, 0, 0.5, 3, 1}, t.values());
        assertArrayEquals(new int[] {4, 7}, t.lines());
    }

    @Test
    void aNumericFirstRowIsData() throws Exception {
        CsvTable t = parse("1,2\n3,4");
        assertNull(t.columnNames());
        assertEquals(2, t.rows());
        assertEquals(4.0, t.value(1, 1));
    }

    @Test
    void headerCanBeForcedEitherWay() throws Exception {
        CsvTable present = CsvTable.parse("1,2\n3,4\n", "t.csv", CsvTable.Header.PRESENT);
        assertEquals(List.of("1", "2"), present.columnNames());
        assertEquals(1, present.rows());
        String absent = assertThrows(DataException.class,
                () -> CsvTable.parse("a,b\n3,4\n", "t.csv", CsvTable.Header.ABSENT)).getMessage();
        assertEquals("t.csv:1:1: not a number: 'a'", absent);
    }

    @Test
    void readsSklearnIrisLayout() throws Exception {
        // sklearn/datasets/data/iris.csv: a header "count,features,class names...", then 4 features and a label.
        CsvTable t = parse("150,4,setosa,versicolor,virginica\n5.1,3.5,1.4,0.2,0\n7.0,3.2,4.7,1.4,1\n"
                + "6.3,3.3,6.0,2.5,2\n");
        assertEquals("setosa", t.columnNames().get(2));
        assertEquals(4, t.column("4"));   // an index, although a header field is also called "4"
        assertEquals(4, t.column("-1"));
        Dataset d = t.toClassification(t.column("-1"), 3);
        assertEquals(4, d.features());
        assertArrayEquals(new int[] {0, 1, 2}, d.labels());
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, d.y());
        assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, java.util.Arrays.copyOf(d.x(), 4));
    }

    @Test
    void quotedFieldsAreUnderstood() throws Exception {
        CsvTable t = parse("\"name, with comma\",\"b\"\"q\"\n\"1.5\", 2\n");
        assertEquals(List.of("name, with comma", "b\"q"), t.columnNames());
        assertArrayEquals(new double[] {1.5, 2}, t.values());
        assertEquals("t.csv:2:1: unterminated quoted field", error("a,b\n\"1,2\n"));
        assertEquals("t.csv:2:1: text after a quoted field: 'x'", error("a,b\n\"1\"x,2\n"));
    }

    @Test
    void wrongFieldCountNamesFileAndRow() {
        assertEquals("t.csv:5: expected 5 fields, found 4",
                error("a,b,c,d,e\n1,2,3,4,5\n\n# c\n1,2,3,4\n"));
        assertEquals("t.csv:2: expected 2 fields, found 3", error("1,2\n1,2,\n"));
    }

    @Test
    void nonNumbersNameRowColumnAndText() {
        assertEquals("t.csv:17:3: not a number: 'abc'", error("a,b,c\n" + "1,2,3\n".repeat(15) + "1,2,abc\n"));
        assertEquals("t.csv:2:2: not a number: 'NaN'", error("a,b\n1,NaN\n"));
        assertEquals("t.csv:2:2: not a number: 'Infinity'", error("a,b\n1,Infinity\n"));
        assertEquals("t.csv:2:1: not a number: '0x10'", error("a,b\n0x10,1\n"));
        assertEquals("t.csv:2:1: not a number: '1d'", error("a,b\n1d,1\n"));
        assertEquals("t.csv:2:2: empty field", error("a,b\n1,\n"));
        assertEquals("t.csv:2:1: number out of range: '1e999'", error("a,b\n1e999,1\n"));
        assertEquals("t.csv:2:1: not a number: '" + "x".repeat(40) + "'...", error("a\n" + "x".repeat(500) + "\n"));
        assertEquals("t.csv:2:1: not a number: '\\u001b[31mred'", error("a\n\u001b[31mred\n"));
    }

    @Test
    void emptyFilesAndBinaryAreReported() {
        assertEquals("t.csv: no data rows", error("# nothing\n\n"));
        assertEquals("t.csv: no data rows after the header", error("a,b\n"));
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 1};
        assertEquals("t.csv: not UTF-8 text (is it a binary file?)", assertThrows(DataException.class,
                () -> CsvTable.parse(binary, "t.csv", CsvTable.Header.AUTO)).getMessage());
    }

    @Test
    void labelColumnByNameAndIndex() throws Exception {
        CsvTable t = parse("x1,x2,class\n0.1,0.2,1\n0.3,0.4,0\n");
        assertEquals(2, t.column("class"));
        assertEquals(0, t.column("0"));
        assertArrayEquals(new int[] {1, 0}, t.labels(t.column("class")));
        assertArrayEquals(new int[] {0, 1}, t.columnsExcept(2));
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4}, t.select(0, 1));
        assertEquals("t.csv: no column named 'klass'; columns: x1, x2, class",
                assertThrows(DataException.class, () -> t.column("klass")).getMessage());
        assertEquals("t.csv: column 3 does not exist: the file has 3 columns (0..2, or -1 for the last)",
                assertThrows(DataException.class, () -> t.column("3")).getMessage());
        assertEquals("t.csv: column -4 does not exist: the file has 3 columns (0..2, or -1 for the last)",
                assertThrows(DataException.class, () -> t.column("-4")).getMessage());
    }

    @Test
    void labelsMustBeNonNegativeIntegers() throws Exception {
        CsvTable t = parse("x,label\n1,0\n\n2,1.5\n3,-1\n");
        assertEquals("t.csv:4:2: label 1.5 is not a class index (an integer ≥ 0)",
                assertThrows(DataException.class, () -> t.labels(1)).getMessage());
        CsvTable negative = parse("x,label\n1,0\n3,-1\n");
        assertEquals("t.csv:3:2: label -1 is not a class index (an integer ≥ 0)",
                assertThrows(DataException.class, () -> negative.labels(1)).getMessage());
    }

    @Test
    void labelsOutsideTheOutputLayerNameFileAndLine() throws Exception {
        CsvTable t = parse("x,label\n1,0\n# skipped\n2,7\n");
        assertEquals("t.csv:4: label 7 outside the 3 classes of the output layer",
                assertThrows(DataException.class, () -> t.toClassification(1, 3)).getMessage());
        assertEquals("t.csv:4: label 7 is not 0 or 1, as the single unit of the output layer needs",
                assertThrows(DataException.class, () -> t.toClassification(1, 1)).getMessage());
    }

    @Test
    void regressionTargetsInTheGivenOrder() throws Exception {
        CsvTable t = parse("a,b,c,d\n1,2,3,4\n5,6,7,8\n");
        Dataset d = t.toRegression(3, 1);
        assertEquals(2, d.features());
        assertEquals(2, d.outputs());
        assertArrayEquals(new double[] {1, 3, 5, 7}, d.x());
        assertArrayEquals(new double[] {4, 2, 8, 6}, d.y());
        assertNull(d.labels());
    }

    @Test
    void readsFilesWithBomAndReportsMissingOnes() throws Exception {
        Path p = dir.resolve("bom.csv");
        Files.write(p, ("\uFEFFa,b\n1,2\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("a", "b"), CsvTable.read(p).columnNames());
        Path missing = dir.resolve("missing.csv");
        assertEquals(missing + ": no such file",
                assertThrows(DataException.class, () -> CsvTable.read(missing)).getMessage());
    }
}
