package dev.nncompile.explain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nncompile.check.CheckResult;
import dev.nncompile.check.Frontend;
import dev.nncompile.derive.Deriver;
import dev.nncompile.derive.TrainingPlan;
import dev.nncompile.model.Network;
import dev.nncompile.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every spec of {@code specs/}, checked, derived and explained in all four formats, against the golden files
 * {@code <spec>.<txt|tex|md|html>}; and the textbook lines the issue asks for, read from the real derivation.
 */
class ExplainSpecsTest {
    private static final Path SPECS = Path.of("specs");

    @TestFactory
    List<DynamicTest> everySpecMatchesItsGoldenExplanations() throws IOException {
        List<Path> specs;
        try (var files = Files.list(SPECS)) {
            specs = files.filter(p -> p.toString().endsWith(".nn")).sorted().toList();
        }
        assertFalse(specs.isEmpty(), "no specs in " + SPECS.toAbsolutePath());
        List<DynamicTest> tests = new ArrayList<>();
        for (Path spec : specs) {
            List<Network> networks = networks(spec);
            String stem = spec.getFileName().toString().replaceFirst("\\.nn$", "");
            for (Network network : networks) {
                String base = networks.size() == 1 ? stem : stem + "-" + network.name();
                TrainingPlan plan = Deriver.derive(network);
                for (Format format : Format.values()) {
                    String file = base + "." + GoldenFiles.extension(format);
                    tests.add(DynamicTest.dynamicTest(file, () -> {
                        String explanation = Explainer.explain(plan, format);
                        if (format == Format.HTML) {
                            wellFormed(explanation);
                        }
                        GoldenFiles.assertMatches(file, explanation);
                    }));
                }
            }
        }
        return tests;
    }

    @Test
    void mnistReadsLikeNielsen() throws IOException {
        List<String> lines = text("mnist.nn");
        assertTrue(lines.contains("δ¹ = (W²ᵀ δ²) ⊙ a¹ ⊙ (1 − a¹)"), String.join("\n", lines));
        assertTrue(lines.contains("δ² = (a² − y) ⊙ a² ⊙ (1 − a²)/N"));
        assertTrue(lines.contains("∂C/∂W² = Σₙ δ² a¹ᵀ"));
        assertTrue(lines.contains("∂C/∂b² = Σₙ δ²"));
        assertTrue(lines.contains("z¹ = W¹x + b¹"));
        assertTrue(lines.contains("a¹ = σ(z¹)"));
        assertTrue(lines.contains("W¹ ← W¹ − η·∂C/∂W¹"));
        assertTrue(lines.contains("η = 3"));
    }

    @Test
    void softmaxWithCrossEntropyReadsTheFusedDelta() throws IOException {
        List<String> lines = text("iris.nn");
        assertTrue(lines.contains("δ² = (a² − y)/N"), String.join("\n", lines));
        assertTrue(lines.contains("C = (1/N) Σₙₖ y·(lse(z²) − z²)"));
        assertTrue(lines.contains("W¹ ← W¹ − η·m_W¹/(ĉ₁·(√(v_W¹/ĉ₂) + ε))"));
    }

    @Test
    void tanhReadsThroughItsOutput() throws IOException {
        List<String> lines = text("xor.nn");
        assertTrue(lines.contains("δ¹ = (W²ᵀ δ²) ⊙ (1 − (a¹)²)"), String.join("\n", lines));
        assertTrue(lines.contains("C = (1/N) Σₙₖ (softplus(z²) − y·z²)"));
    }

    @Test
    void derivingAndExplaining784x512x256x10TakesWellUnderASecond() {
        Network network = HandBuiltPlans.sigmoidNetwork("Big", 784, 512, 256, 10).network();
        Deriver.derive(network); // class loading and JIT warm-up are not the derivation
        Explainer.explain(Deriver.derive(network), Format.HTML);
        long start = System.nanoTime();
        int chars = 0;
        TrainingPlan plan = Deriver.derive(network);
        for (Format format : Format.values()) {
            chars += Explainer.explain(plan, format).length();
        }
        long micros = (System.nanoTime() - start) / 1_000;
        // printed, not asserted: shared CI machines make wall-time assertions flaky
        System.out.printf("derive + explain (4 formats) of 784-512-256-10: %.1f ms, %d chars%n", micros / 1000.0,
                chars);
        assertTrue(chars > 1000);
    }

    /** Parses the HTML as XML: every element closed, only XML's entities, MathML in its namespace. */
    static void wellFormed(String html) throws Exception {
        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        var builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        var doc = builder.parse(new java.io.ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        var maths = doc.getElementsByTagNameNS("http://www.w3.org/1998/Math/MathML", "math");
        assertTrue(maths.getLength() > 0, "no MathML");
        assertFalse(html.contains("<script"), "no script");
    }

    private static List<String> text(String spec) throws IOException {
        List<Network> networks = networks(SPECS.resolve(spec));
        return Explainer.explain(Deriver.derive(networks.get(0)), Format.TEXT).lines().map(String::strip).toList();
    }

    private static List<Network> networks(Path spec) throws IOException {
        CheckResult result = Frontend.check(new SourceFile(spec.toString(),
                Files.readString(spec, StandardCharsets.UTF_8)));
        assertFalse(result.hasErrors(), spec + ": " + result.diagnostics());
        assertFalse(result.networks().isEmpty(), spec + " has no model");
        return result.networks();
    }
}
