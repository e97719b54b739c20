package dev.nncompile.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path dir;

    /** A file built by hand to the format: LE u64 length, the header text as given, then {@code data}. */
    static byte[] file(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        return b.array();
    }

    static byte[] f32(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    static byte[] f64(double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    static Map<String, Tensor> xorState() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("layers.1.weight", Tensor.f32(new int[] {1, 2}, new float[] {0.5f, -1.25f}));
        state.put("layers.0.weight", Tensor.f32(new int[] {2, 2}, new float[] {1, 2, 3, 4}));
        state.put("layers.0.bias", Tensor.f32(new int[] {2}, new float[] {0.1f, -0.2f}));
        state.put("layers.1.bias", Tensor.f32(new int[] {1}, new float[] {Float.MIN_VALUE}));
        return state;
    }

    private static String message(byte[] bytes) {
        return assertThrows(DataException.class, () -> Safetensors.read(bytes, "w.safetensors")).getMessage();
    }

    // ------------------------------------------------------------ round trips and the reference layout

    @Test
    void roundTripsF32AndF64WithMetadata() throws Exception {
        Map<String, Tensor> state = new TreeMap<>(xorState());
        state.put("extra.f64", Tensor.f64(new int[] {3}, new double[] {Math.PI, -0.0, Double.MIN_VALUE}));
        state.put("scalar", Tensor.f64(new int[] {}, new double[] {42}));
        state.put("empty", Tensor.f32(new int[] {0, 3}, new float[0]));
        Map<String, String> metadata = Map.of("format", "pt", "nncompile.spec", "net \"xor\"\n{ }");
        Path path = dir.resolve("sub/xor.safetensors");
        Safetensors.write(path, state, metadata);

        SafetensorsFile back = Safetensors.read(path);
        assertEquals(state, back.tensors());
        assertEquals(new TreeMap<>(metadata), back.metadata());
        assertEquals(Math.PI, back.tensors().get("extra.f64").value(0));
        assertEquals(Double.doubleToRawLongBits(-0.0),
                Double.doubleToRawLongBits(back.tensors().get("extra.f64").value(1)));
        assertArrayEquals(new float[] {0.1f, -0.2f}, back.tensors().get("layers.0.bias").toFloats());
    }

    @Test
    void f32RoundsDoublesToNearestAndIsExactForFloats() throws Exception {
        double d = 0.1; // not a float
        Tensor t = new Tensor(DType.F32, new int[] {1}, new double[] {d});
        SafetensorsFile back = Safetensors.read(Safetensors.toBytes(Map.of("t", t), null), "t");
        assertEquals((double) (float) d, back.tensors().get("t").value(0));
    }

    @Test
    void bytesAreDeterministicWhateverTheMapOrder() {
        Map<String, Tensor> forward = xorState();
        Map<String, Tensor> backward = new LinkedHashMap<>();
        List<String> keys = List.copyOf(forward.keySet());
        for (int i = keys.size() - 1; i >= 0; i--) {
            backward.put(keys.get(i), forward.get(keys.get(i)));
        }
        Map<String, String> m1 = new LinkedHashMap<>();
        m1.put("b", "2");
        m1.put("a", "1");
        Map<String, String> m2 = new TreeMap<>(m1);
        byte[] first = Safetensors.toBytes(forward, m1);
        assertArrayEquals(first, Safetensors.toBytes(backward, m2));
        assertArrayEquals(first, Safetensors.toBytes(forward, m1));
    }

    @Test
    void twoWritesGiveIdenticalFiles() throws Exception {
        Path a = dir.resolve("a.safetensors");
        Path b = dir.resolve("b.safetensors");
        Safetensors.write(a, xorState(), Map.of("k", "v"));
        Safetensors.write(b, xorState(), Map.of("k", "v"));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void headerMatchesTheReferenceImplementation() {
        // What safetensors.torch.save_file writes for these tensors: names sorted, compact JSON, spaces to a
        // multiple of 8, data in header order, little-endian.
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("layers.0.weight", Tensor.f32(new int[] {2, 1}, new float[] {1, 2}));
        state.put("layers.0.bias", Tensor.f32(new int[] {2}, new float[] {3, 4}));
        byte[] bytes = Safetensors.toBytes(state, null);
        String json = "{\"layers.0.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"layers.0.weight\":{\"dtype\":\"F32\",\"shape\":[2,1],\"data_offsets\":[8,16]}}";
        assertEquals(136, json.length()); // already a multiple of 8: no padding
        String padded = json;
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(file(padded, new byte[0]));
        expected.writeBytes(f32(3, 4, 1, 2));
        assertArrayEquals(expected.toByteArray(), bytes);
    }

    @Test
    void readsTheReferenceTestFixtureAndPadsAsTheReferenceWriterDoes() throws Exception {
        // huggingface/safetensors bindings/python/tests/test_simple.py ("load with metadata"): header length 'f'
        // (102) with 7 trailing spaces, __metadata__ first; here with F32 in place of I32 (same width).
        String json = "{\"__metadata__\":{\"framework\":\"pt\"},"
                + "\"test1\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}";
        byte[] fixture = file(json + "       ", new byte[16]);
        assertEquals('f', fixture[0]);
        SafetensorsFile f = Safetensors.read(fixture, "fixture");
        assertEquals(Map.of("framework", "pt"), f.metadata());
        assertEquals(Map.of("test1", Tensor.f32(new int[] {2, 2}, new float[4])), f.tensors());

        // The writer (prepare() in safetensors/src/tensor.rs) pads the 95-byte JSON to 96.
        assertEquals(95, json.length());
        byte[] ours = Safetensors.toBytes(Map.of("test1", Tensor.f32(new int[] {2, 2}, new float[4])),
                Map.of("framework", "pt"));
        assertArrayEquals(file(json + " ", new byte[16]), ours);
    }

    @Test
    void widerDtypesComeFirstAsInTheReference() throws Exception {
        Map<String, Tensor> state = new TreeMap<>();
        state.put("a", Tensor.f32(new int[] {1}, new float[] {1}));
        state.put("b", Tensor.f64(new int[] {1}, new double[] {2}));
        byte[] bytes = Safetensors.toBytes(state, null);
        String header = new String(bytes, 8, bytes.length - 20, StandardCharsets.UTF_8);
        assertEquals(0, header.length() % 8);
        assertTrue(header.startsWith("{\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}"), header);
        assertEquals(state, Safetensors.read(Safetensors.toBytes(state, null), "x").tensors());
    }

    @Test
    void escapesNamesAsSerdeJsonDoes() throws Exception {
        String name = "q\"b\\s\n\u0001é";
        byte[] bytes = Safetensors.toBytes(Map.of(name, Tensor.f32(new int[] {1}, new float[] {1})), null);
        String header = new String(bytes, 8, bytes.length - 12, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"q\\\"b\\\\s\\n\\u0001é\":"), header);
        assertEquals(Map.of(name, Tensor.f32(new int[] {1}, new float[] {1})),
                Safetensors.read(bytes, "x").tensors());
    }

    // ------------------------------------------------------------ hand-built files

    @Test
    void readsAHandWrittenFileWithWhitespaceAndAnyKeyOrder() throws Exception {
        String header = "{ \"w\" : { \"shape\" : [2, 1], \"data_offsets\" : [8, 24], \"dtype\" : \"F64\" },\n"
                + "  \"b\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]},"
                + "  \"__metadata__\": {\"note\": \"caf\\u00e9 \\/ \\t\"} }";
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(f32(0.5f, -2));
        data.writeBytes(f64(1e-300, 7));
        SafetensorsFile f = Safetensors.read(file(header, data.toByteArray()), "hand.safetensors");
        assertEquals(List.of("b", "w"), List.copyOf(f.tensors().keySet()));
        assertEquals(Tensor.f64(new int[] {2, 1}, new double[] {1e-300, 7}), f.tensors().get("w"));
        assertEquals(Tensor.f32(new int[] {2}, new float[] {0.5f, -2}), f.tensors().get("b"));
        assertEquals(Map.of("note", "café / \t"), f.metadata());
    }

    @Test
    void requireTensorNamesWhatIsMissingOrMisshapen() throws Exception {
        SafetensorsFile f = Safetensors.read(Safetensors.toBytes(xorState(), null), "xor.safetensors");
        assertEquals(2, f.requireTensor(Safetensors.weightName(2), 1, 2).size());
        assertEquals("layers.1.bias", Safetensors.biasName(2));
        DataException missing = assertThrows(DataException.class, () -> f.requireTensor("layers.2.bias", 1));
        assertEquals("xor.safetensors: missing tensor 'layers.2.bias'", missing.getMessage());
        DataException shape = assertThrows(DataException.class, () -> f.requireTensor("layers.0.weight", 8, 2));
        assertEquals("xor.safetensors: tensor 'layers.0.weight' has shape [2, 2], the model needs [8, 2]",
                shape.getMessage());
    }

    // ------------------------------------------------------------ corruption: one message each

    private static final String GOOD = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";

    @Test
    void rejectsFilesTooShortForTheLength() {
        assertEquals("w.safetensors: not a safetensors file: 5 bytes, too short for the 8-byte header length",
                message(new byte[5]));
    }

    @Test
    void rejectsAbsurdHeaderLengths() {
        byte[] b = file(GOOD, f32(1, 2));
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 200_000_000L);
        assertEquals("w.safetensors: header length 200000000 is absurd (the limit is 100000000 bytes)", message(b));
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1L);
        assertEquals("w.safetensors: header length 18446744073709551615 is absurd (the limit is 100000000 bytes)",
                message(b));
    }

    @Test
    void rejectsHeaderLengthBeyondTheFile() {
        byte[] b = file(GOOD, f32(1, 2));
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1000);
        assertEquals("w.safetensors: header length 1000 exceeds the file size of " + b.length
                + " bytes (truncated file?)", message(b));
    }

    @Test
    void rejectsTruncatedData() {
        byte[] b = file(GOOD, f32(1, 2));
        assertEquals("w.safetensors: tensor 'a': data_offsets [0, 8] are outside the 7 data bytes",
                message(Arrays.copyOf(b, b.length - 1)));
    }

    @Test
    void rejectsInvalidJson() {
        assertEquals("w.safetensors: invalid JSON header at character 5: unexpected 'x}'",
                message(file("{\"a\":x}", new byte[0])));
        assertEquals("w.safetensors: invalid JSON header at character 0: unterminated string",
                message(file("\"abc", new byte[0])));
        assertEquals("w.safetensors: invalid JSON header at character 8: unexpected end of the header",
                message(file("{\"a\":[1,", new byte[0])));
        assertEquals("w.safetensors: invalid JSON header at character 2: invalid number",
                message(file("[-x]", new byte[0])));
        assertEquals("w.safetensors: invalid JSON header at character 2: unexpected '{}' after the header object",
                message(file("{}{}", new byte[0])));
        assertEquals("w.safetensors: the header is not a JSON object", message(file("[1]", new byte[0])));
        assertEquals("w.safetensors: the header is not valid UTF-8", message(badUtf8()));
    }

    private static byte[] badUtf8() {
        byte[] b = file("{\"xx\":{}}", new byte[0]);
        b[10] = (byte) 0xff;
        return b;
    }

    @Test
    void rejectsDeepNestingWithoutOverflowingTheStack() {
        String deep = "[".repeat(100_000);
        assertEquals("w.safetensors: invalid JSON header at character 64: nesting deeper than 64 levels",
                message(file(deep, new byte[0])));
    }

    @Test
    void rejectsUnknownDtypes() {
        assertEquals("w.safetensors: tensor 'a' has dtype 'BF16'; nncompile reads F32 and F64",
                message(file(GOOD.replace("F32", "BF16"), f32(1, 2))));
        assertEquals("w.safetensors: tensor 'a': missing or non-string \"dtype\"",
                message(file(GOOD.replace("\"F32\"", "32"), f32(1, 2))));
    }

    @Test
    void rejectsShapesThatDoNotMatchTheOffsets() {
        assertEquals("w.safetensors: tensor 'a' has shape [3] of F32 but data_offsets [0, 8] cover 8 bytes",
                message(file(GOOD.replace("[2]", "[3]"), f32(1, 2))));
        assertEquals("w.safetensors: tensor 'a' has shape [2147483647, 2147483647, 2147483647] of F32 but "
                        + "data_offsets [0, 8] cover 8 bytes",
                message(file(GOOD.replace("[2]", "[2147483647,2147483647,2147483647]"), f32(1, 2))));
        assertEquals("w.safetensors: tensor 'a': dimension 99999999999 of its shape is too large",
                message(file(GOOD.replace("[2]", "[99999999999]"), f32(1, 2))));
        assertEquals("w.safetensors: tensor 'a': \"shape\" must hold non-negative integers, found '-2'",
                message(file(GOOD.replace("[2]", "[-2]"), f32(1, 2))));
        assertEquals("w.safetensors: tensor 'a': \"shape\" must hold non-negative integers, found '2.0'",
                message(file(GOOD.replace("[2]", "[2.0]"), f32(1, 2))));
        assertEquals("w.safetensors: tensor 'a': \"shape\" must hold non-negative integers, found "
                        + "'1234567890123456789012'",
                message(file(GOOD.replace("[2]", "[1234567890123456789012]"), f32(1, 2))));
    }

    @Test
    void rejectsBadOffsets() {
        assertEquals("w.safetensors: tensor 'a': data_offsets [8, 0] are outside the 8 data bytes",
                message(file(GOOD.replace("[0,8]", "[8,0]"), f32(1, 2))));
        assertEquals("w.safetensors: tensor 'a': data_offsets must be [begin, end], found 3 numbers",
                message(file(GOOD.replace("[0,8]", "[0,4,8]"), f32(1, 2))));
        assertEquals("w.safetensors: tensor 'a': missing or non-array \"data_offsets\"",
                message(file(GOOD.replace("\"data_offsets\"", "\"offsets\""), f32(1, 2))));
    }

    @Test
    void rejectsOverlapsGapsAndUncoveredData() {
        String two = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        assertEquals("w.safetensors: tensors 'a' and 'b' overlap in the data section",
                message(file(two, f32(1, 2))));
        String gap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        assertEquals("w.safetensors: data bytes 4..8 are not covered by any tensor",
                message(file(gap, f32(1, 2, 3))));
        assertEquals("w.safetensors: data bytes 8..12 after the last tensor are not covered by any tensor",
                message(file(GOOD, f32(1, 2, 3))));
    }

    @Test
    void rejectsDuplicateNames() {
        String dup = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        assertEquals("w.safetensors: duplicate key 'a' in the header (at byte 54)", message(file(dup, f32(1, 2))));
    }

    @Test
    void rejectsBadMetadata() {
        assertEquals("w.safetensors: __metadata__ value of 'k' is not a string",
                message(file("{\"__metadata__\":{\"k\":1}}", new byte[0])));
        assertEquals("w.safetensors: __metadata__ is not a JSON object",
                message(file("{\"__metadata__\":[]}", new byte[0])));
    }

    @Test
    void reportsMissingFilesAsDataExceptions() {
        Path missing = dir.resolve("nope.safetensors");
        DataException e = assertThrows(DataException.class, () -> Safetensors.read(missing));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void quotesHostileNamesSafely() {
        String header = "{\"\\u001b[2Jevil\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]}}";
        assertEquals("w.safetensors: tensor '\\u001b[2Jevil' has dtype 'F16'; nncompile reads F32 and F64",
                message(file(header, new byte[2])));
    }
}
