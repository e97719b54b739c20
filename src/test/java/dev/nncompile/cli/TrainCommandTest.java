package dev.nncompile.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nncompile.data.Safetensors;
import dev.nncompile.data.SafetensorsFile;
import dev.nncompile.data.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end tests of {@code nncompile train} on data written by the tests, good and bad. */
class TrainCommandTest {
    @TempDir
    Path dir;

    /** What one command-line run printed and returned. */
    record Run(int exit, String out, String err) {
        void assertCleanFailure(int expected, String... fragments) {
            assertEquals(expected, exit, "exit code; stderr:\n" + err);
            for (String f : fragments) {
                assertTrue(err.contains(f), "stderr should contain '" + f + "' but was:\n" + err);
            }
            assertFalse(err.contains("\tat ") || err.contains("Exception") || err.contains("internal error"),
                    "no stack trace, no internal error:\n" + err);
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    /** 3 classes of 2-D points around (0, 0), (3, 0), (0, 3). */
    static final String BLOBS_SPEC = """
            model Blobs {
                input 2
                dense 8 tanh
                dense 3 softmax
                loss cross_entropy
                optimizer adam(lr = 0.05)
                seed 3
                train { batch = 16, epochs = 40 }
            }
            """;

    /** 4 × 4 images: class 0 bright on the left, class 1 bright on the right. */
    static final String PIXELS_SPEC = """
            model Pixels {
                input 16
                dense 8 relu
                dense 2 softmax
                loss cross_entropy
                optimizer adam(lr = 0.01)
                seed 5
                train { batch = 10, epochs = 15 }
            }
            """;

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    static String blobs(int rows, long seed, boolean header) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder(header ? "x1,x2,species\n" : "");
        double[][] centres = {{0, 0}, {3, 0}, {0, 3}};
        for (int r = 0; r < rows; r++) {
            int c = r % 3;
            csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%d%n", centres[c][0] + random.nextGaussian() * 0.5,
                    centres[c][1] + random.nextGaussian() * 0.5, c));
        }
        return csv.toString();
    }

    static byte[] idxImages(int count, int[] labels, long seed, boolean gzip) throws IOException {
        Random random = new Random(seed);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000803);
        out.writeInt(count);
        out.writeInt(4);
        out.writeInt(4);
        for (int i = 0; i < count; i++) {
            for (int row = 0; row < 4; row++) {
                for (int col = 0; col < 4; col++) {
                    boolean bright = (col < 2) == (labels[i] == 0);
                    out.writeByte(bright ? 160 + random.nextInt(96) : random.nextInt(90));
                }
            }
        }
        return gzip ? gzip(bytes.toByteArray()) : bytes.toByteArray();
    }

    static byte[] idxLabels(int[] labels, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000801);
        out.writeInt(labels.length);
        for (int l : labels) {
            out.writeByte(l);
        }
        return gzip ? gzip(bytes.toByteArray()) : bytes.toByteArray();
    }

    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(plain);
        }
        return bytes.toByteArray();
    }

    static int[] alternating(int n) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
        }
        return labels;
    }

    static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": ([-0-9.eE]+|null)").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return m.group(1).equals("null") ? Double.NaN : Double.parseDouble(m.group(1));
    }

    // ------------------------------------------------------------------------------------------- good runs

    @Test
    void xorReachesFourOutOfFour() {
        Run r = run("train", "specs/xor.nn", "--data", "xor", "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(1.0, number(r.out(), "test_accuracy"), r.out());
        assertEquals("max_epochs", r.out().replaceAll("(?s).*\"stopped_by\": \"([a-z_]+)\".*", "$1"));
        assertTrue(r.out().trim().startsWith("{") && r.out().trim().endsWith("}"), "one JSON document only");
        assertEquals(5000, r.out().split("\"epoch\":").length - 1);
    }

    /** The same run with the Vector API kernels (this JVM has the module, as the launcher gives it for --simd). */
    @Test
    void simdClassTrainsXorToFourOutOfFour() {
        Run r = run("train", "specs/xor.nn", "--data", "xor", "--simd", "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(1.0, number(r.out(), "test_accuracy"), r.out());
        Run threaded = run("train", "specs/xor.nn", "--data", "xor", "--simd", "--threads", "2", "--json");
        assertEquals(0, threaded.exit(), threaded.err());
        assertEquals(number(r.out(), "test_loss"), number(threaded.out(), "test_loss"), "bit-identical on 2 threads");
        Run plain = run("train", "specs/xor.nn", "--data", "xor", "--json");
        double simdLoss = number(r.out(), "test_loss");
        double plainLoss = number(plain.out(), "test_loss");
        assertEquals(plainLoss, simdLoss, 1e-3 * Math.max(1, Math.abs(plainLoss)), "FMA rounding only");
    }

    /** --precision double trains the double class: the saved weights are F64 tensors, and xor is still solved. */
    @Test
    void precisionOptionSelectsTheDoubleClass() throws IOException {
        Path weights = dir.resolve("xor64.safetensors");
        Run r = run("train", "specs/xor.nn", "--data", "xor", "--precision", "double", "--json", "--save",
                weights.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(1.0, number(r.out(), "test_accuracy"), r.out());
        String header = new String(Files.readAllBytes(weights), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("\"F64\"") && !header.contains("\"F32\""), header.substring(0, 200));
    }

    @Test
    void trainsOnACsvFileWithTextOutput() throws IOException {
        Path spec = write("blobs.nn", BLOBS_SPEC);
        Path csv = write("blobs.csv", blobs(150, 1, true));
        Run r = run("train", spec.toString(), "--data", csv.toString(), "--label-column", "species",
                "--validation", "0.2", "--normalize", "standardize");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("model Blobs: 2 → 8 tanh → 3 softmax, cross_entropy, adam(lr=0.05)"), r.out());
        assertTrue(r.out().contains("96 training rows, 24 validation rows, 30 test rows (seeded random holdout)"),
                r.out());
        assertTrue(r.out().contains("epoch  1/40  train loss "), r.out());
        assertTrue(r.out().contains("epoch 40/40  train loss "), r.out());
        assertTrue(r.out().contains("confusion matrix (rows: true class, columns: predicted class):"), r.out());
        assertTrue(r.out().contains("stopped: reached the epoch limit (40 epochs)"), r.out());
        Matcher acc = Pattern.compile("accuracy +([0-9.]+) % \\(([0-9]+)/30\\)").matcher(r.out());
        assertTrue(acc.find(), r.out());
        assertTrue(Double.parseDouble(acc.group(1)) >= 90, r.out());
        assertFalse(r.out().contains("\r"), "no progress bar when the output is not a terminal");
    }

    @Test
    void trainsOnIdxFilesPlainAndGzipped() throws IOException {
        Path spec = write("pixels.nn", PIXELS_SPEC);
        int[] train = alternating(200);
        int[] test = alternating(40);
        Files.write(dir.resolve("train-images.gz"), idxImages(200, train, 1, true));
        Files.write(dir.resolve("train-labels.gz"), idxLabels(train, true));
        Files.write(dir.resolve("test-images"), idxImages(40, test, 2, false));
        Files.write(dir.resolve("test-labels"), idxLabels(test, false));
        Run r = run("train", spec.toString(), "--data", dir.resolve("train-images.gz").toString(), "--labels",
                dir.resolve("train-labels.gz").toString(), "--test", dir.resolve("test-images").toString(),
                "--test-labels", dir.resolve("test-labels").toString(), "--json", "--save",
                dir.resolve("w.safetensors").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(number(r.out(), "test_accuracy") >= 0.95, r.out());
        SafetensorsFile w = assertDoesNotThrowRead(dir.resolve("w.safetensors"));
        assertEquals(List.of(8, 16), List.of(w.tensors().get("layers.0.weight").shape()[0],
                w.tensors().get("layers.0.weight").shape()[1]));
    }

    @Test
    void writesAReportDirectory() throws Exception {
        Path spec = write("blobs.nn", BLOBS_SPEC);
        Path csv = write("blobs.csv", blobs(90, 2, false));
        Path report = dir.resolve("report");
        Run r = run("train", spec.toString(), "--data", csv.toString(), "--validation", "0.25", "--epochs", "12",
                "--report", report.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("epoch 12/12"), r.out());
        for (String f : List.of("index.html", "loss.svg", "loss.png", "accuracy.svg", "accuracy.png",
                "derivation.html", "confusion.html", "weights.safetensors", "metrics.json")) {
            assertTrue(Files.size(report.resolve(f)) > 0, f);
        }
        for (String f : List.of("index.html", "loss.svg", "accuracy.svg", "confusion.html")) {
            assertTrue(DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.resolve(f).toFile())
                    .getDocumentElement() != null, f);
        }
        assertTrue(Files.readString(report.resolve("derivation.html")).contains("<math"), "MathML derivation");
        assertEquals(12, Files.readString(report.resolve("metrics.json")).split("\"epoch\":").length - 1);
    }

    // ------------------------------------------------------------------------------------------- bad data

    @Test
    void csvRowWithTooFewFieldsNamesFileAndRow() throws IOException {
        Path spec = write("blobs.nn", BLOBS_SPEC);
        Path csv = write("bad.csv", "1,2,0\n3,4,1\n5,6\n");
        run("train", spec.toString(), "--data", csv.toString())
                .assertCleanFailure(1, csv + ":3:3: expected 3 fields, found 2");
    }

    @Test
    void csvNonNumberNamesFileRowAndColumn() throws IOException {
        Path spec = write("blobs.nn", BLOBS_SPEC);
        Path csv = write("bad.csv", "1,2,0\n3,abc,1\n5,6,2\n");
        run("train", spec.toString(), "--data", csv.toString())
                .assertCleanFailure(1, csv + ":2:2: not a number: 'abc'");
    }

    @Test
    void csvLabelOutsideTheClassesIsRejected() throws IOException {
        Path spec = write("blobs.nn", BLOBS_SPEC);
        Path csv = write("bad.csv", "1,2,0\n3,4,1\n5,6,2\n7,8,3\n");
        run("train", spec.toString(), "--data", csv.toString())
                .assertCleanFailure(1, csv + ":4: label 3 outside the 3 classes of the output layer");
    }

    @Test
    void csvFeatureCountMustMatchTheInputs() throws IOException {
        Path spec = write("blobs.nn", BLOBS_SPEC);
        Path csv = write("bad.csv", "1,2,3,0\n3,4,5,1\n");
        run("train", spec.toString(), "--data", csv.toString())
                .assertCleanFailure(1, csv + ": has 3 feature columns (every column but the label column 3), "
                        + "but the model takes 2 inputs");
    }

    @Test
    void idxWrongMagicNamesTheFile() throws IOException {
        Path spec = write("pixels.nn", PIXELS_SPEC);
        int[] labels = alternating(6);
        Files.write(dir.resolve("images"), idxLabels(labels, false)); // a labels file where images belong
        Files.write(dir.resolve("labels"), idxLabels(labels, false));
        run("train", spec.toString(), "--data", dir.resolve("images").toString(), "--labels",
                dir.resolve("labels").toString())
                .assertCleanFailure(1, dir.resolve("images") + ": wrong magic number 0x00000801");
    }

    @Test
    void idxCountMismatchNamesTheFile() throws IOException {
        Path spec = write("pixels.nn", PIXELS_SPEC);
        Files.write(dir.resolve("images.gz"), idxImages(6, alternating(6), 1, true));
        Files.write(dir.resolve("labels.gz"), idxLabels(alternating(5), true));
        run("train", spec.toString(), "--data", dir.resolve("images.gz").toString(), "--labels",
                dir.resolve("labels.gz").toString())
                .assertCleanFailure(1, dir.resolve("labels.gz") + ": has 5 labels but " + dir.resolve("images.gz")
                        + " has 6 images");
    }

    @Test
    void idxLabelOutsideTheClassesIsRejected() throws IOException {
        Path spec = write("pixels.nn", PIXELS_SPEC);
        int[] labels = {0, 1, 0, 7, 1, 0};
        Files.write(dir.resolve("images"), idxImages(6, alternating(6), 1, false));
        Files.write(dir.resolve("labels"), idxLabels(labels, false));
        run("train", spec.toString(), "--data", dir.resolve("images").toString(), "--labels",
                dir.resolve("labels").toString())
                .assertCleanFailure(1, dir.resolve("labels") + ":4: label 7 outside the 2 classes");
    }

    @Test
    void idxImageSizeMustMatchTheInputs() throws IOException {
        Path spec = write("blobs.nn", BLOBS_SPEC);
        Files.write(dir.resolve("images"), idxImages(6, alternating(6), 1, false));
        Files.write(dir.resolve("labels"), idxLabels(alternating(6), false));
        run("train", spec.toString(), "--data", dir.resolve("images").toString(), "--labels",
                dir.resolve("labels").toString())
                .assertCleanFailure(1, "has 16 features per sample, but the model takes 2 inputs");
    }

    @Test
    void idxWithoutLabelsSaysSo() throws IOException {
        Path spec = write("pixels.nn", PIXELS_SPEC);
        Files.write(dir.resolve("images.gz"), idxImages(6, alternating(6), 1, true));
        run("train", spec.toString(), "--data", dir.resolve("images.gz").toString())
                .assertCleanFailure(1, dir.resolve("images.gz") + ": looks like an IDX");
    }

    @Test
    void aDivergingRunStopsNamingEpochAndBatchAndKeepsFiniteWeights() throws IOException {
        Path spec = write("boom.nn", """
                model Boom {
                    input 2
                    dense 8 relu
                    dense 1 identity
                    loss mse
                    optimizer sgd(lr = 10000)
                    seed 1
                    train { batch = 2, epochs = 50 }
                }
                """);
        Path csv = write("targets.csv", "0,0,0\n0,1,100\n1,0,100\n1,1,0\n");
        Path weights = dir.resolve("w.safetensors");
        Run r = run("train", spec.toString(), "--data", csv.toString(), "--target-columns", "2", "--split", "0",
                "--save", weights.toString());
        r.assertCleanFailure(1, "nncompile: training diverged: the loss became NaN or infinite in epoch ");
        assertTrue(r.err().matches("(?s).*in epoch [0-9]+, batch [0-9]+;.*"), r.err());
        assertTrue(r.out().contains("stopped: the loss became NaN or infinite"), r.out());
        for (Tensor t : assertDoesNotThrowRead(weights).tensors().values()) {
            for (double v : t.values()) {
                assertTrue(Double.isFinite(v), "the last finite weights were kept");
            }
        }
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        Path spec = write("blobs.nn", BLOBS_SPEC);
        run("train", spec.toString(), "--data", "xor", "--normalize", "zscore")
                .assertCleanFailure(2, "--normalize: expected none, scale255 or standardize");
        run("train", spec.toString(), "--data", "xor", "--split", "half")
                .assertCleanFailure(2, "--split: expected a fraction in [0, 1) or every:N");
        run("train", spec.toString(), "--data", "xor", "--model", "Nope")
                .assertCleanFailure(2, "no model named 'Nope'");
    }

    @Test
    void missingDataFileIsAnInputError() throws IOException {
        Path spec = write("blobs.nn", BLOBS_SPEC);
        run("train", spec.toString(), "--data", dir.resolve("nope.csv").toString())
                .assertCleanFailure(1, dir.resolve("nope.csv") + ": no such file");
    }

    static SafetensorsFile assertDoesNotThrowRead(Path p) {
        try {
            return Safetensors.read(p);
        } catch (dev.nncompile.data.DataException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static Map<String, Tensor> workedExampleWeights(boolean f64) {
        return f64 ? Map.of("layers.0.weight", Tensor.f64(new int[] {1, 1}, new double[] {1}),
                "layers.0.bias", Tensor.f64(new int[] {1}, new double[] {0}),
                "layers.1.weight", Tensor.f64(new int[] {1, 1}, new double[] {1}),
                "layers.1.bias", Tensor.f64(new int[] {1}, new double[] {0}))
                : Map.of("layers.0.weight", Tensor.f32(new int[] {1, 1}, new float[] {1}),
                "layers.0.bias", Tensor.f32(new int[] {1}, new float[] {0}),
                "layers.1.weight", Tensor.f32(new int[] {1, 1}, new float[] {1}),
                "layers.1.bias", Tensor.f32(new int[] {1}, new float[] {0}));
    }
}
