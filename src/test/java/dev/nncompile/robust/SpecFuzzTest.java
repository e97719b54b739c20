package dev.nncompile.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nncompile.check.CheckResult;
import dev.nncompile.check.Frontend;
import dev.nncompile.compiler.CompileRequest;
import dev.nncompile.compiler.CompileResult;
import dev.nncompile.compiler.CompiledModel;
import dev.nncompile.compiler.NnCompiler;
import dev.nncompile.source.Diagnostic;
import dev.nncompile.source.DiagnosticCode;
import dev.nncompile.source.DiagnosticRenderer;
import dev.nncompile.source.SourceFile;
import dev.nncompile.train.InMemoryCompiler;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the spec front end and the whole generate path (issue 8, point 1). Each input is the
 * raw bytes of a spec, decoded as UTF-8 (malformed bytes become U+FFFD, as when a CLI user passes a binary file).
 *
 * <p>Under plain {@code mvn test} every method runs once per file of its seed corpus in
 * {@code src/test/resources/dev/nncompile/robust/SpecFuzzTestInputs/<method>/} (valid specs, and every crasher
 * found so far). To fuzz one harness: {@code JAZZER_FUZZ=1 mvn -o test -Dtest='SpecFuzzTest#frontend'
 * -Djazzer.instrument='dev.nncompile.**' -Djazzer.max_duration=15m}; a crasher is written to that directory and
 * becomes a regression input by being committed.
 */
class SpecFuzzTest {

    /** Parsing and checking arbitrary text yields diagnostics only: never an exception, an internal error, a hang. */
    @FuzzTest
    @DictionaryEntries({"model", "input", "dense", "loss", "optimizer", "regularize", "init", "seed", "precision",
        "train", "stop when", "stalls for", "activation", "if", "then", "else", "and", "or", "not", "package",
        "relu", "softmax", "sigmoid", "tanh", "cross_entropy", "bce", "mse", "adam(lr = ", "sgd(", "{", "}",
        "(", ")", "^", "1e-320", "1e308", "float", "double", "batch =", "epochs ="})
    void frontend(byte[] data) {
        SourceFile file = new SourceFile("fuzz.nn", new String(data, StandardCharsets.UTF_8));
        long start = System.nanoTime();
        CheckResult result = Frontend.check(file);
        assertNotSlow(start, data);
        assertNoInternalError(file, result.diagnostics().stream().anyMatch(d -> d.code() == DiagnosticCode.NN999));
        String rendered = DiagnosticRenderer.renderAll(result.diagnostics());
        assertTrue(result.diagnostics().isEmpty() || !rendered.isEmpty());
        if (!result.networks().isEmpty()) {
            assertFalse(result.hasErrors(), "networks are returned only for a file without errors");
        }
    }

    /**
     * parse → check → derive → emit on arbitrary text: no exception; a model comes out only without errors, and its
     * source is a non-empty class of the model's name whose header quotes no spec text.
     */
    @FuzzTest
    @DictionaryEntries({"model", "input", "dense", "loss", "optimizer", "activation", "relu", "softmax", "sigmoid",
        "tanh", "identity", "cross_entropy", "bce", "mse", "huber", "sgd(lr = 0.1)", "adam", "rmsprop", "adamw",
        "precision float", "precision double", "exp(", "log(", "sqrt(", "abs(", "if ", " then ", " else ",
        "1e-320", "1e-46", "3.4e38", "1e39", "1e308", "^", "min(", "max(", "erf(", "softplus("})
    void generate(byte[] data) {
        CompileResult result = compile(data);
        for (CompiledModel model : result.models()) {
            assertFalse(result.hasErrors());
            String source = model.source();
            assertTrue(source.contains("class " + model.network().name() + " "), source);
            Comments.assertNoSpecTextEscapes(source);
        }
    }

    /**
     * Whatever the checker accepts compiles under {@link InMemoryCompiler#STRICT} ({@code -Xlint:all -Werror}).
     * Slow (javac costs about a second), so fuzz it after {@link #generate} has built a corpus of valid specs.
     */
    @FuzzTest
    void generatedSourceCompiles(byte[] data) {
        CompileResult result = compile(data);
        for (CompiledModel model : result.models()) {
            InMemoryCompiler.Result javac = new InMemoryCompiler(InMemoryCompiler.STRICT)
                    .compile(Map.of(model.qualifiedName(), model.source()));
            assertTrue(javac.success(), () -> String.join("\n", javac.diagnostics()) + "\n" + model.source());
            assertEquals(1, javac.classFiles().keySet().stream().filter(n -> n.equals(model.qualifiedName())).count());
        }
    }

    private static CompileResult compile(byte[] data) {
        SourceFile file = new SourceFile("fuzz.nn", new String(data, StandardCharsets.UTF_8));
        long start = System.nanoTime();
        CompileResult result = NnCompiler.compile(CompileRequest.of(file));
        assertNotSlow(start, data);
        assertNoInternalError(file, result.diagnostics().stream().anyMatch(d -> d.code() == DiagnosticCode.NN999));
        for (Diagnostic d : result.diagnostics()) {
            assertTrue(d.span().start() >= 0 && d.span().end() <= file.text().length() + 1, d.toString());
        }
        return result;
    }

    /**
     * A hang detector that works in both modes (libFuzzer's own per-input timeout is 20 minutes under JUnit): no
     * input of at most 1 MiB may take 15 s, which is more than 100 times the slowest seed on a loaded machine.
     */
    private static void assertNotSlow(long startNanos, byte[] data) {
        if (++calls <= WARM_UP_CALLS) {
            return; // the first calls load (and, when fuzzing, instrument) most of nncompile: seconds each
        }
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        assertTrue(millis < SLOW_MILLIS, "took " + millis + " ms on " + data.length + " bytes: a near-hang");
    }

    static final long SLOW_MILLIS = 15_000;
    static final int WARM_UP_CALLS = 30;
    private static int calls;

    /** On an internal error, checks again with {@code nncompile.debug} set so that the bug's own exception shows. */
    private static void assertNoInternalError(SourceFile file, boolean internalError) {
        if (!internalError) {
            return;
        }
        String before = System.getProperty("nncompile.debug");
        System.setProperty("nncompile.debug", "true");
        try {
            Frontend.check(file);
        } finally {
            if (before == null) {
                System.clearProperty("nncompile.debug");
            } else {
                System.setProperty("nncompile.debug", before);
            }
        }
        throw new AssertionError("NN999 internal error, but no exception when re-run in debug mode");
    }
}
