package dev.nncompile.robust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nncompile.compiler.CompiledModel;
import dev.nncompile.data.DataException;
import dev.nncompile.data.Safetensors;
import dev.nncompile.data.SafetensorsFile;
import dev.nncompile.train.InMemoryCompiler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 8, point 5: a truncated or corrupted weights file (bad header length, wrong dtype, shape mismatch, missing
 * or extra tensor, bad offsets, broken JSON, random byte flips) is rejected by the generated {@code readWeights}
 * with an IOException saying what is wrong, and the model keeps its weights; an endless stream is refused without
 * reading it to the end. The tool's reader ({@code data.Safetensors}) rejects the same files.
 */
class WeightsFilesTest {
    private static Class<?> floatType;
    private static Class<?> doubleType;

    @BeforeAll
    static void compile() {
        List<CompiledModel> models = List.of(
                Pipeline.accept("model WF { input 3 dense 4 tanh dense 2 softmax loss cross_entropy"
                        + " optimizer adam(lr = 0.01) seed 4 }"),
                Pipeline.accept("model WD { input 3 dense 4 tanh dense 2 softmax loss cross_entropy"
                        + " optimizer adam(lr = 0.01) seed 4 precision double }"));
        InMemoryCompiler.Result javac = Pipeline.javac(models);
        assertTrue(javac.success(), () -> String.join("\n", javac.diagnostics()));
        floatType = javac.load("WF");
        doubleType = javac.load("WD");
    }

    static byte[] weightsOf(Reflective model) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.call("writeWeights", out);
        return out.toByteArray();
    }

    /** Rewrites the JSON header (same length or not) and fixes the 8-byte length in front. */
    static byte[] withHeader(byte[] file, java.util.function.UnaryOperator<String> edit) {
        long length = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(file, 8, (int) length, StandardCharsets.UTF_8);
        byte[] json = edit.apply(header).getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + json.length + file.length - 8 - (int) length)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length).put(json).put(file, 8 + (int) length, file.length - 8 - (int) length);
        return out.array();
    }

    static byte[] withLength(byte[] file, long length) {
        byte[] copy = file.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length);
        return copy;
    }

    record Corruption(String name, byte[] bytes, String expected) {
    }

    static List<Corruption> corruptions(byte[] good, String dtype) {
        List<Corruption> list = new ArrayList<>();
        for (int cut : new int[] {0, 7, 8, 20, good.length / 2, good.length - 1}) {
            list.add(new Corruption("truncated to " + cut, Arrays.copyOf(good, cut), "safetensors: "));
        }
        list.add(new Corruption("header length -1", withLength(good, -1), "header length"));
        list.add(new Corruption("header length 2^62", withLength(good, 1L << 62), "header length"));
        list.add(new Corruption("header length past the end", withLength(good, good.length), "header length"));
        String other = dtype.equals("F32") ? "F64" : "F32";
        list.add(new Corruption("wrong dtype", withHeader(good, h -> h.replaceFirst("\"" + dtype + "\"",
                "\"" + other + "\"")), "dtype"));
        list.add(new Corruption("wrong dtype BF16", withHeader(good, h -> h.replace("\"" + dtype + "\"",
                "\"BF16\"")), "dtype"));
        list.add(new Corruption("transposed shape", withHeader(good, h -> h.replace("[4,3]", "[3,4]")), "shape"));
        list.add(new Corruption("missing tensor", withHeader(good, h -> h.replace("layers.1.bias", "layers.9.bias")),
                "tensor"));
        list.add(new Corruption("offsets past the data", withHeader(good, h -> h.replaceFirst(
                "\"data_offsets\":\\[(\\d+),(\\d+)\\]", "\"data_offsets\":[$1,99999]")), "data_offsets"));
        list.add(new Corruption("broken JSON", withHeader(good, h -> h.substring(0, h.length() / 2)), "safetensors"));
        list.add(new Corruption("JSON nested deeply", withHeader(good, h -> "{\"__metadata__\":"
                + "[".repeat(100_000) + "]".repeat(100_000) + "," + h.substring(1)), "safetensors"));
        return list;
    }

    @Test
    void corruptedWeightsAreRejectedAndTheModelIsUntouched() throws Exception {
        for (Class<?> type : List.of(floatType, doubleType)) {
            Reflective model = new Reflective(type, 4);
            byte[] good = weightsOf(model);
            String dtype = model.isFloat ? "F32" : "F64";
            assertTrue(new String(good, StandardCharsets.ISO_8859_1).contains("\"shape\":[4,3]"),
                    "the test's edits assume this header layout");
            Reflective other = new Reflective(type, 99);
            double[] before = other.parameters();
            for (Corruption c : corruptions(good, dtype)) {
                IOException e = assertThrows(IOException.class,
                        () -> other.call("readWeights", new ByteArrayInputStream(c.bytes())), c.name());
                assertTrue(e.getMessage().startsWith("safetensors: ") && e.getMessage().contains(c.expected()),
                        c.name() + ": " + e.getMessage());
                assertArrayEquals(before, other.parameters(), c.name() + ": the model must be untouched");
                // the tool's reader knows no model: a well-formed file with the wrong tensors is refused by
                // requireTensor, the way the CLI asks for each tensor with its expected shape
                assertThrows(DataException.class, () -> {
                    SafetensorsFile f = Safetensors.read(c.bytes(), "w.safetensors");
                    f.requireTensor("layers.0.weight", 4, 3);
                    f.requireTensor("layers.0.bias", 4);
                    f.requireTensor("layers.1.weight", 2, 4);
                    f.requireTensor("layers.1.bias", 2);
                }, c.name());
            }
            other.call("readWeights", new ByteArrayInputStream(good));
            assertArrayEquals(model.parameters(), other.parameters(), "the good file still loads");
        }
    }

    /** Seeded random byte flips: rejected leaving the model untouched, or (a flip in the data) read whole. */
    @Test
    void randomByteFlipsNeverHalfLoad() throws Exception {
        Reflective source = new Reflective(floatType, 4);
        byte[] good = weightsOf(source);
        long headerEnd = 8 + ByteBuffer.wrap(good, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Random random = new Random(5);
        int rejected = 0;
        for (int i = 0; i < 400; i++) {
            byte[] bad = good.clone();
            int at = random.nextInt(bad.length);
            bad[at] ^= (byte) (1 << random.nextInt(8));
            Reflective target = new Reflective(floatType, 99);
            double[] before = target.parameters();
            try {
                target.call("readWeights", new ByteArrayInputStream(bad));
                assertTrue(at >= headerEnd || Arrays.equals(source.parameters(), target.parameters()),
                        "flip at " + at + " in the header was accepted with different weights");
            } catch (IOException e) {
                rejected++;
                assertTrue(e.getMessage().startsWith("safetensors: "), e.getMessage());
                assertArrayEquals(before, target.parameters(), "flip at " + at + ": the model must be untouched");
            } catch (RuntimeException e) {
                fail("flip at " + at + ": " + e, e);
            }
        }
        assertTrue(rejected > 50, "most header flips are caught: " + rejected);
    }

    /** A stream that never ends (or a header length that lies) is refused after reading what the model needs. */
    @Test
    @Timeout(60) // a regression reads the endless stream forever
    void anEndlessStreamIsNotReadToTheEnd() throws Exception {
        Reflective model = new Reflective(floatType, 4);
        byte[] good = weightsOf(model);
        long[] served = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return served[0] < good.length ? good[(int) served[0]++] & 0xff : (int) (served[0]++ & 0);
            }

            @Override
            public int read(byte[] b, int off, int len) {
                for (int i = 0; i < len; i++) {
                    b[off + i] = (byte) read();
                }
                return len;
            }
        };
        model.call("readWeights", endless); // the good file followed by endless zeros: reads only what it needs
        assertTrue(served[0] <= good.length + 8192, "read " + served[0] + " bytes of a " + good.length + "-byte file");
        Reflective target = new Reflective(floatType, 99);
        double[] before = target.parameters();
        byte[] lying = withLength(Arrays.copyOf(good, 64), 90_000_000L);
        IOException e = assertThrows(IOException.class,
                () -> target.call("readWeights", new ByteArrayInputStream(lying)));
        assertTrue(Pattern.compile("header length 90000000 does not fit").matcher(e.getMessage()).find(),
                e.getMessage());
        assertArrayEquals(before, target.parameters());
    }
}
