package dev.nncompile.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nncompile.cli.Main;
import dev.nncompile.data.DataException;
import dev.nncompile.data.Safetensors;
import dev.nncompile.source.BoundedFiles;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, point 3: absurd sizes, deep nesting and enormous files or lines get a located error, with the documented
 * bound in the message, before memory runs out. Checked end to end through the CLI ({@link Main#run}), and once in
 * a subprocess with a 256 MiB heap.
 */
class ResourceLimitsTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        void assertLocatedError(String location, String... fragments) {
            assertEquals(1, exit, "exit code 1 (errors in the input); stderr:\n" + err);
            assertTrue(err.matches("(?s).*" + java.util.regex.Pattern.quote(location) + "\\d*:?\\d*: error\\[.*"),
                    "located at " + location + ":\n" + err);
            for (String f : fragments) {
                assertTrue(err.contains(f), "the message should say '" + f + "':\n" + err);
            }
            assertClean(err);
        }
    }

    static void assertClean(String err) {
        assertFalse(err.contains("\tat ") || err.contains("OutOfMemoryError") || err.contains("StackOverflowError")
                || err.contains("internal error"), "no stack trace, no internal error:\n" + err);
    }

    Run check(String name, String spec) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, spec, StandardCharsets.UTF_8);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"check", file.toString()}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString().replace(file.toString(), name));
    }

    private static String model(String layers) {
        return "model Big {\n    input 2\n" + layers + "    loss bce\n    optimizer sgd(lr = 0.1)\n}\n";
    }

    @Test
    void absurdLayerSizeIsALocatedErrorNamingTheBound() throws IOException {
        check("units.nn", model("    dense 100000000 relu\n    dense 1 sigmoid\n"))
                .assertLocatedError("units.nn:3:11", "NN201", "1,000,000");
        check("units2.nn", model("    dense 1e300 relu\n    dense 1 sigmoid\n"))
                .assertLocatedError("units2.nn:3:11", "NN201");
    }

    @Test
    void theParameterBoundIsInTheMessage() throws IOException {
        // 2·1,000,000 + 1,000,000 + 1,000,000·101 + 101: each layer legal, the model 10^8 + … parameters
        String spec = "model Wide {\n    input 2\n    dense 1000000 relu\n    dense 101 relu\n    dense 1 sigmoid\n"
                + "    loss bce\n    optimizer sgd(lr = 0.1)\n}\n";
        check("params.nn", spec).assertLocatedError("params.nn:1:7", "NN202", "the limit is 100,000,000");
    }

    @Test
    void deepNestingIsALocatedErrorNamingTheBound() throws IOException {
        String parens = "(".repeat(5_000) + "z" + ")".repeat(5_000);
        Run run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> check("nest.nn",
                "activation deep(z) = " + parens + "\n" + model("    dense 1 deep\n")));
        run.assertLocatedError("nest.nn:1:", "NN004", "200");
        String ifs = "if z < 0 then ".repeat(300) + "z" + " else z".repeat(300);
        check("ifs.nn", "activation deep(z) = " + ifs + "\n" + model("    dense 1 deep\n"))
                .assertLocatedError("ifs.nn:1:", "NN004");
        String chain = "z" + " + z * 2".repeat(50_000);
        Run long1 = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> check("chain.nn",
                "activation deep(z) = " + chain + "\n" + model("    dense 1 deep\n")));
        long1.assertLocatedError("chain.nn:1:", "NN011", "400");
    }

    /** A 60-deep product chain once cost 2^60 comparisons in ExprOrder (the checker hung); now it is instant. */
    @Test
    void nestedProductsAreCheckedInLinearTime() throws IOException {
        String tanhs = "tanh(0.9 * ".repeat(60) + "z" + ")".repeat(60);
        Run run = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> check("tanh.nn",
                "activation deep(z) = " + tanhs + "\n" + model("    dense 1 deep\n")));
        run.assertLocatedError("tanh.nn:1:12", "NN406");
    }

    @Test
    void enormousFilesAndLinesAreRejectedWithTheLimit() throws IOException {
        String big = "# filler\n".repeat(120_000) + model("    dense 1 sigmoid\n");
        Run run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> check("big.nn", big));
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.err().contains("NN003") && run.err().contains("1048576"), run.err());
        assertClean(run.err());
        // one line of 900,000 chars of comment is legal and fast; one of 400,000 tokens is not legal, but cheap
        Run line = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> check("line.nn",
                "#" + "x".repeat(900_000) + "\n" + model("    dense 1 sigmoid\n")));
        assertEquals(0, line.exit(), line.err());
        Run tokens = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> check("tokens.nn",
                model("    dense 1 sigmoid\n") + "1 ".repeat(200_000)));
        assertEquals(1, tokens.exit());
        assertTrue(tokens.err().matches("(?s).*tokens\\.nn:\\d+:\\d+: error\\[NN005\\].*"), tokens.err());
        assertClean(tokens.err());
    }

    /**
     * In a JVM with a 256 MiB heap: a 3 GiB sparse spec file, a 1.5 MiB spec and an absurd layer are each refused
     * with a clean message, never an OutOfMemoryError.
     */
    @Test
    void smallHeapSubprocessRefusesHugeInputsCleanly() throws Exception {
        Path sparse = dir.resolve("sparse.nn");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        Path big = dir.resolve("big.nn");
        Files.writeString(big, "#".repeat(1_500_000) + "\n" + model("    dense 1 sigmoid\n"));
        Path units = dir.resolve("units.nn");
        Files.writeString(units, model("    dense 100000000 relu\n    dense 1 sigmoid\n"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "generate", "-d",
                dir.resolve("out").toString(), sparse.toString(), big.toString(), units.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertClean(output);
        assertTrue(output.contains("sparse.nn: file too large"), output);
        assertTrue(p.exitValue() == 1 || p.exitValue() == 3, "exit " + p.exitValue() + ":\n" + output);
        assertFalse(Files.exists(dir.resolve("out")) && new File(dir.resolve("out").toString()).list().length > 0,
                "nothing generated");
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    /**
     * Every file the CLI reads (spec, CSV, IDX, weights) is refused when it is not a regular file: before it is
     * opened, so a FIFO without a writer does not hang the command and /dev/zero does not fill the heap.
     */
    @Test
    void fifosAndDevicesAreRefusedUnopenedNamingTheFile() throws Exception {
        Path fifo = SpecialFiles.fifo(dir, "pipe");
        for (Path special : List.of(fifo, SpecialFiles.devZero())) {
            String refused = special + ": not a regular file";
            Run spec = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run("check", special.toString()));
            assertEquals(3, spec.exit(), spec.err());
            assertTrue(spec.err().contains("nncompile: " + refused), spec.err());
            assertClean(spec.err());

            Run csv = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> run("train", "specs/xor.nn", "--data", special.toString()));
            assertEquals(1, csv.exit(), csv.err());
            assertTrue(csv.err().contains(refused), csv.err());
            assertClean(csv.err());

            Run idx = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> run("train", "specs/xor.nn", "--data", special.toString(), "--labels", special.toString()));
            assertEquals(1, idx.exit(), idx.err());
            assertTrue(idx.err().contains(refused), idx.err());
            assertClean(idx.err());

            Run weights = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run("trace",
                    "specs/worked-example.nn", "--weights", special.toString(), "--input", "specs/worked-example.x.csv",
                    "--target", "specs/worked-example.y.csv"));
            assertEquals(1, weights.exit(), weights.err());
            assertTrue(weights.err().contains(refused), weights.err());
            assertClean(weights.err());
        }
    }

    /** A data file beyond its documented bound is refused by its size, unread (the files here are sparse). */
    @Test
    void hugeDataFilesAreRefusedByTheirSizeNamingTheBound() throws Exception {
        Path csv = sparse("huge.csv", (1L << 30) + 1);
        Run r = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> run("train", "specs/xor.nn", "--data", csv.toString()));
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains(csv + ": file too large: 1073741825 bytes, more than the 1073741824 bytes"),
                r.err());
        assertClean(r.err());

        Path idx = sparse("huge-images", 3L << 30);
        Run i = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> run("train", "specs/xor.nn", "--data", idx.toString(), "--labels", idx.toString()));
        assertEquals(1, i.exit(), i.err());
        assertTrue(i.err().contains(idx + ": file too large: 3221225472 bytes, more than the 2147483639 bytes"),
                i.err());
        assertClean(i.err());
    }

    /** The bound of one read, small enough to test: by the reported size, and when a file grows past it. */
    @Test
    void boundedReadsRefuseMoreThanTheBound() throws Exception {
        Path file = dir.resolve("ten.bin");
        Files.write(file, new byte[10]);
        assertEquals(10, BoundedFiles.read(file, 10).length);
        BoundedFiles.Refused e = assertThrows(BoundedFiles.Refused.class, () -> BoundedFiles.read(file, 9));
        assertEquals(file + ": file too large: 10 bytes, more than the 9 bytes nncompile reads from it",
                e.getMessage());
        assertEquals(file.toString(), e.file());
        // /proc files report size 0 but have contents: read past the reported size, still within the bound
        Path proc = Path.of("/proc/self/status");
        if (Files.isRegularFile(proc)) {
            assertTrue(BoundedFiles.read(proc, 1 << 20).length > 10, "read beyond the reported size 0");
            BoundedFiles.Refused grew = assertThrows(BoundedFiles.Refused.class, () -> BoundedFiles.read(proc, 10));
            assertEquals(proc + ": file too large: it grew past the 10 bytes nncompile reads from it while being read",
                    grew.getMessage());
        }
        assertEquals(dir.resolve("none") + ": no such file",
                assertThrows(BoundedFiles.Refused.class, () -> BoundedFiles.read(dir.resolve("none"), 9)).getMessage());
        assertEquals(dir + ": is a directory, not a file",
                assertThrows(BoundedFiles.Refused.class, () -> BoundedFiles.read(dir, 9)).getMessage());
    }

    /** A weights file is bounded by what the model needs; one padded far beyond it is refused unread. */
    @Test
    void weightsAreBoundedByWhatTheModelNeeds() throws Exception {
        assertEquals(8 + 100_000_000L + 8 * 17, Safetensors.maxFileBytes(17));
        assertEquals(Safetensors.MAX_FILE_BYTES, Safetensors.maxFileBytes(1_000_000_000));
        Path padded = sparse("padded.safetensors", Safetensors.maxFileBytes(17) + 1);
        DataException e = assertThrows(DataException.class,
                () -> Safetensors.read(padded, Safetensors.maxFileBytes(17)));
        assertEquals(padded + ": file too large: 100000145 bytes, more than the 100000144 bytes nncompile reads"
                + " from it", e.getMessage());
        // worked-example: 1-1-1, 4 parameters
        Path tooBig = sparse("big.safetensors", Safetensors.maxFileBytes(4) + 1);
        Run r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run("trace", "specs/worked-example.nn",
                "--weights", tooBig.toString(), "--input", "specs/worked-example.x.csv",
                "--target", "specs/worked-example.y.csv"));
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains(tooBig + ": file too large"), r.err());
        assertClean(r.err());
    }

    private Path sparse(String name, long length) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        }
        return file;
    }
}
