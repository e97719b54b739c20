package dev.nncompile.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nncompile.data.CsvTable;
import dev.nncompile.data.DataException;
import dev.nncompile.data.IdxFile;
import dev.nncompile.data.Safetensors;
import dev.nncompile.data.SafetensorsFile;
import dev.nncompile.data.Tensor;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the data readers (issue 8, point 1): on any bytes each reader either succeeds with a
 * self-consistent result or throws {@link DataException} with a message naming the file; nothing else (no
 * {@code IndexOutOfBounds}, {@code NegativeArraySize}, {@code OutOfMemoryError} from a size the file merely
 * declares). Seeds: {@code src/test/resources/dev/nncompile/robust/DataFuzzTestInputs/<method>/}. Fuzz with
 * {@code JAZZER_FUZZ=1 mvn -o test -Dtest='DataFuzzTest#safetensors' -Djazzer.instrument='dev.nncompile.**'}.
 */
class DataFuzzTest {

    @FuzzTest
    void safetensors(byte[] data) {
        SafetensorsFile file;
        try {
            file = Safetensors.read(data, "fuzz.safetensors");
        } catch (DataException e) {
            assertCleanMessage(e, "fuzz.safetensors");
            return;
        }
        long payload = 0;
        for (Map.Entry<String, Tensor> entry : file.tensors().entrySet()) {
            Tensor t = entry.getValue();
            long expected = 1;
            for (int d : t.shape()) {
                assertTrue(d >= 0, entry.getKey());
                expected *= d;
            }
            assertEquals(expected, t.size(), entry.getKey());
            payload += expected;
        }
        // the reader never materialises more values than the file holds bytes for (the smallest dtype is 1 byte)
        assertTrue(payload <= data.length, "read " + payload + " values from " + data.length + " bytes");
    }

    @FuzzTest
    void csv(byte[] data) {
        for (CsvTable.Header header : CsvTable.Header.values()) {
            CsvTable table;
            try {
                table = CsvTable.parse(data, "fuzz.csv", header);
            } catch (DataException e) {
                assertCleanMessage(e, "fuzz.csv");
                continue;
            }
            assertEquals((long) table.rows() * table.columns(), table.values().length);
            assertEquals(table.rows(), table.lines().length);
            for (double v : table.values()) {
                assertTrue(Double.isFinite(v), "a CSV value must be finite, got " + v);
            }
        }
    }

    @FuzzTest
    void idx(byte[] data) {
        try {
            IdxFile.Images images = IdxFile.readImages(data, "fuzz-images.idx");
            assertEquals((long) images.count() * images.rows() * images.cols(), images.pixels().length);
            assertTrue(gzip(data) || images.pixels().length <= data.length);
        } catch (DataException e) {
            assertCleanMessage(e, "fuzz-images.idx");
        }
        try {
            IdxFile.Labels labels = IdxFile.readLabels(data, "fuzz-labels.idx");
            assertEquals(labels.count(), labels.values().length);
            assertTrue(gzip(data) || labels.values().length <= data.length);
        } catch (DataException e) {
            assertCleanMessage(e, "fuzz-labels.idx");
        }
    }

    private static boolean gzip(byte[] data) {
        return data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b;
    }

    private static void assertCleanMessage(DataException e, String file) {
        String message = e.getMessage();
        assertTrue(message != null && message.contains(file), "the message names the file: " + message);
        // the file's own bytes may be quoted (at most 40 chars, escaped), never a stack trace
        assertFalse(message.contains("\n\tat "), message);
    }
}
