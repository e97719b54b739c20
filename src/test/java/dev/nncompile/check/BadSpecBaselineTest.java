package dev.nncompile.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nncompile.source.DiagnosticRenderer;
import dev.nncompile.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Bad specs and the exact diagnostics they must produce (code, line, column, message, caret, hint). Each
 * {@code bad/<name>.nn} has its rendered diagnostics in {@code bad/<name>.expected}; inputs too big or too binary
 * to commit are generated here and compared with {@code bad/generated-<name>.expected}.
 * Update with {@code -Dnncompile.updateGolden=true}.
 */
class BadSpecBaselineTest {
    static final Path DIR = Path.of("src/test/resources/dev/nncompile/check/bad");

    @TestFactory
    Stream<DynamicTest> committedBadSpecs() throws IOException {
        List<Path> specs;
        try (Stream<Path> files = Files.list(DIR)) {
            specs = files.filter(p -> p.toString().endsWith(".nn")).sorted().toList();
        }
        assertTrue(specs.size() >= 40, "expected at least 40 bad specs, found " + specs.size());
        return specs.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String name = p.getFileName().toString();
            String text = Files.readString(p, StandardCharsets.ISO_8859_1).indexOf('\0') >= 0
                    ? Files.readString(p, StandardCharsets.ISO_8859_1) : Files.readString(p, StandardCharsets.UTF_8);
            verify(name.substring(0, name.length() - 3), text);
        }));
    }

    @TestFactory
    Stream<DynamicTest> generatedBadSpecs() {
        Map<String, Supplier<String>> cases = new LinkedHashMap<>();
        cases.put("binary-junk", () -> randomBytes(1, 600, true));
        cases.put("binary-junk-without-nul", () -> randomBytes(2, 300, false));
        cases.put("one-megabyte-line", () -> "model Big {\n    input 2\n    dense 1 sigmoid # "
                + "x".repeat(1 << 20) + "\n}\n");
        cases.put("long-line-with-error", () -> "model LongLine {\n    input 2 " + " ".repeat(100_000)
                + "dense 1 sigmoud " + " ".repeat(100_000) + "loss bce optimizer sgd(lr = 0.5)\n}\n");
        cases.put("deep-parentheses", () -> "activation deep(z) = " + "(".repeat(300) + "z" + ")".repeat(300)
                + "\nmodel M { input 1 dense 1 deep loss mse optimizer sgd(lr = 0.1) }\n");
        cases.put("deep-if", () -> "activation deep(z) = " + "if z > 0 then 1 else ".repeat(250) + "0"
                + "\nmodel M { input 1 dense 1 deep loss mse optimizer sgd(lr = 0.1) }\n");
        cases.put("long-chain", () -> "activation chain(z) = z" + " + z".repeat(500)
                + "\nmodel M { input 1 dense 1 chain loss mse optimizer sgd(lr = 0.1) }\n");
        cases.put("long-minus-run", () -> "activation neg(z) = " + "-".repeat(1000) + "z"
                + "\nmodel M { input 1 dense 1 neg loss mse optimizer sgd(lr = 0.1) }\n");
        cases.put("too-many-syntax-errors", () -> "model M {\n" + "    dense = = =\n".repeat(80) + "}\n");
        cases.put("exponential-expansion", () -> {
            StringBuilder s = new StringBuilder("activation f0(z) = z * z\n");
            for (int i = 1; i <= 20; i++) {
                s.append("activation f").append(i).append("(z) = f").append(i - 1).append("(z) + f")
                        .append(i - 1).append("(z)\n");
            }
            return s + "model M { input 1 dense 1 f20 loss mse optimizer sgd(lr = 0.1) }\n";
        });
        List<DynamicTest> tests = new ArrayList<>();
        cases.forEach((name, text) -> tests.add(DynamicTest.dynamicTest(name,
                () -> verify("generated-" + name, text.get()))));
        return tests.stream();
    }

    private static void verify(String name, String text) {
        CheckResult result = Frontend.check(new SourceFile("bad/" + name + ".nn", text));
        String rendered = DiagnosticRenderer.renderAll(result.diagnostics());
        assertFalse(rendered.isEmpty(), name + " produced no diagnostic");
        assertFalse(rendered.contains("NN999"), name + " hit an internal error:\n" + rendered);
        Golden.assertMatches(DIR.resolve(name + ".expected"), rendered);
    }

    /** Seeded random bytes read as ISO-8859-1 (one char per byte), as a binary file read as text would be. */
    private static String randomBytes(long seed, int length, boolean withNul) {
        Random random = new Random(seed);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int b = random.nextInt(256);
            if (!withNul && b == 0) {
                b = 0x80;
            }
            s.append((char) b);
        }
        return s.toString();
    }
}
