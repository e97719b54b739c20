package dev.nncompile.data;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation testing of every reader (issue 8 §1, §3): each mutated input either loads or is rejected with a
 * {@link DataException}; no other exception, no hang, and no allocation out of proportion to the input.
 */
class DataRobustnessTest {
    private static final int CASES = 2_000;
    private static final Duration BUDGET = Duration.ofSeconds(60);

    /** Bytes a reader may allocate for one input: a small constant plus a multiple of the input's size. */
    private static long allocationBound(int inputLength) {
        return (8L << 20) + 64L * inputLength;
    }

    private interface Reader {
        void read(byte[] input) throws DataException;
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Outcomes of the current test: [loaded, rejected], to show the mutations reach both. */
    private final int[] outcomes = new int[2];

    private void assertBothOutcomesSeen(String what) {
        assertTrue(outcomes[0] >= CASES / 50 && outcomes[1] >= CASES / 50,
                what + ": loaded " + outcomes[0] + ", rejected " + outcomes[1]
                        + " — the mutations are too tame or too wild");
    }

    private void check(String what, byte[] input, Reader reader, int index, long seed) {
        long thread = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(thread);
        try {
            reader.read(input);
            outcomes[0]++;
        } catch (DataException e) {
            outcomes[1]++;
            assertTrue(e.getMessage().startsWith(e.file() + ":"), e.getMessage());
        } catch (Throwable t) {
            fail(what + " case " + index + " (seed " + seed + ") threw " + t + " for input "
                    + HexFormat.of().formatHex(input, 0, Math.min(input.length, 200)), t);
        }
        long allocated = THREADS.getThreadAllocatedBytes(thread) - before;
        if (allocated > allocationBound(input.length)) {
            fail(what + " case " + index + " (seed " + seed + ") allocated " + allocated + " bytes for an input of "
                    + input.length + " bytes");
        }
    }

    /** One random edit: flip, overwrite, insert, delete, duplicate, truncate, or plant an interesting value. */
    static byte[] mutate(byte[] in, Random random, byte[][] tokens) {
        byte[] out = in.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int n = out.length;
            int at = n == 0 ? 0 : random.nextInt(n);
            switch (random.nextInt(7)) {
                case 0 -> {
                    if (n > 0) {
                        out[at] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> {
                    if (n > 0) {
                        out[at] = (byte) random.nextInt(256);
                    }
                }
                case 2 -> {
                    byte[] token = tokens[random.nextInt(tokens.length)];
                    out = splice(out, at, 0, token);
                }
                case 3 -> out = splice(out, at, Math.min(n - at, 1 + random.nextInt(8)), new byte[0]);
                case 4 -> {
                    int len = Math.min(n - at, 1 + random.nextInt(16));
                    out = splice(out, at, 0, Arrays.copyOfRange(out, at, at + len));
                }
                case 5 -> out = Arrays.copyOf(out, n == 0 ? 0 : random.nextInt(n));
                default -> {
                    byte[] token = tokens[random.nextInt(tokens.length)];
                    out = splice(out, at, Math.min(n - at, token.length), token);
                }
            }
        }
        return out;
    }

    private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
        byte[] out = new byte[in.length - remove + insert.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(in, at + remove, out, at + insert.length, in.length - at - remove);
        return out;
    }

    private static byte[][] tokens(String... texts) {
        byte[][] out = new byte[texts.length + 6][];
        for (int i = 0; i < texts.length; i++) {
            out[i] = texts[i].getBytes(StandardCharsets.UTF_8);
        }
        out[texts.length] = new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f};
        out[texts.length + 1] = new byte[] {0, 0, 0, 0};
        out[texts.length + 2] = new byte[] {(byte) 0x80, 0, 0, 0};
        out[texts.length + 3] = new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, (byte) 0xff, (byte) 0xff};
        out[texts.length + 4] = new byte[] {(byte) 0xc3};
        out[texts.length + 5] = new byte[] {0x1f, (byte) 0x8b, 8, 0};
        return out;
    }

    @Test
    void safetensorsReaderSurvivesMutations() {
        Map<String, Tensor> state = new TreeMap<>(SafetensorsTest.xorState());
        state.put("d", Tensor.f64(new int[] {2, 1}, new double[] {1, 2}));
        byte[] valid = Safetensors.toBytes(state, Map.of("spec", "xor"));
        int headerLength = (int) ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        byte[] header = Arrays.copyOfRange(valid, 8, 8 + headerLength);
        byte[] data = Arrays.copyOfRange(valid, 8 + headerLength, valid.length);
        byte[][] tokens = tokens("{", "}", "[", "]", "\"", ",", ":", "\\", "\\u", "-1", "0", "1e99",
                "99999999999999999999", "2147483647", "4294967296", "\"F16\"", "\"F64\"", "\"__metadata__\"",
                "\"data_offsets\":[0,0]", "\"shape\":[]", "null", "true", "[[[[[[[[", "\u0000", "é");
        long seed = 0x5AFE7E45L;
        Random random = new Random(seed);
        assertTimeoutPreemptively(BUDGET, () -> {
            for (int i = 0; i < CASES; i++) {
                byte[] input;
                if (random.nextBoolean()) {
                    input = mutate(valid, random, tokens);
                } else {
                    // Mutate the JSON but keep the length prefix right, so the parser and validator are reached.
                    byte[] h = mutate(header, random, tokens);
                    ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
                    input = b.putLong(h.length).put(h).put(data).array();
                }
                check("safetensors", input, bytes -> Safetensors.read(bytes, "m.safetensors"), i, seed);
            }
        });
        assertBothOutcomesSeen("safetensors");
    }

    @Test
    void csvReaderSurvivesMutations() {
        byte[] valid = ("# iris sample\nsepal_length,sepal_width,\"petal length\",petal_width,label\n"
                + "5.1,3.5,1.4,0.2,0\n4.9, 3.0,1.4,0.2,0\r\n\n7.0,3.2,4.7,1.4,1\n6.3,3.3,6.0,2.5,2\n"
                + "5.8,2.7,5.1,1.9,2\n").getBytes(StandardCharsets.UTF_8);
        byte[][] tokens = tokens(",", "\n", "\r", "\"", "\"\"", "#", "-", "+", ".", "e", "E", "NaN", "Infinity",
                "1e999", "-0", "0x1p3", "1d", " ", "\t", "\uFEFF", "\u001b[2J", "label", "7", "2.5", "\u2028");
        long seed = 0xC5FL;
        Random random = new Random(seed);
        assertTimeoutPreemptively(BUDGET, () -> {
            for (int i = 0; i < CASES; i++) {
                byte[] input = mutate(valid, random, tokens);
                check("csv", input, bytes -> {
                    CsvTable t = CsvTable.parse(bytes, "m.csv", CsvTable.Header.AUTO);
                    int label = t.column(random.nextBoolean() ? "-1" : "label");
                    Dataset d = t.toClassification(label, 3);
                    Normalizer.fit(Normalizer.Mode.STANDARDIZE, d).apply(d.seededSplit(0.2, 1).holdout());
                }, i, seed);
            }
        });
        assertBothOutcomesSeen("csv");
    }

    @Test
    void idxReaderSurvivesMutations() {
        byte[] images = IdxFileTest.images();
        byte[] labels = IdxFileTest.labels((byte) 1, (byte) 0, (byte) 2);
        byte[][] plain = {images, labels};
        byte[][] packed = {IdxFileTest.gzip(images), IdxFileTest.gzip(labels)};
        byte[][] tokens = tokens("\u0000\u0000\u0008\u0003", "\u0000\u0000\u0008\u0001", "\u0000");
        long seed = 0x1D8L;
        Random random = new Random(seed);
        assertTimeoutPreemptively(BUDGET, () -> {
            for (int i = 0; i < CASES; i++) {
                int which = random.nextInt(2);
                byte[] source = random.nextBoolean() ? plain[which] : packed[which];
                byte[] input = mutate(source, random, tokens);
                if (which == 0) {
                    check("idx images", input, bytes -> {
                        IdxFile.Images img = IdxFile.readImages(bytes, "m-images");
                        IdxFile.Labels lab = IdxFile.readLabels(labels, "labels");
                        if (img.count() == lab.count()) {
                            new IdxFile.Pair(img, lab).toDataset(10);
                        }
                    }, i, seed);
                } else {
                    check("idx labels", input, bytes -> {
                        IdxFile.Labels lab = IdxFile.readLabels(bytes, "m-labels");
                        IdxFile.Images img = IdxFile.readImages(images, "images");
                        if (img.count() == lab.count()) {
                            new IdxFile.Pair(img, lab).toDataset(3);
                        }
                    }, i, seed);
                }
            }
        });
        assertBothOutcomesSeen("idx");
    }
}
