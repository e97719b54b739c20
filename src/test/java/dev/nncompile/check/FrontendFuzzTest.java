package dev.nncompile.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nncompile.parse.SpecGenerator;
import dev.nncompile.source.Diagnostic;
import dev.nncompile.source.DiagnosticRenderer;
import dev.nncompile.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No input may crash, hang or leak a stack trace: 10,000 seeded mutations of the bundled and bad specs (character
 * flips, deletions, duplications, splices, token swaps) and 2,000 grammar-based generations (half of them mutated
 * too) go through {@link Frontend#check}; each must return within 2 s, render without "Exception" or "\tat ", and
 * never report an internal error. A crasher is written to target/fuzz-crashers/ to become a baseline case.
 */
class FrontendFuzzTest {
    static final int MUTATIONS = 10_000;
    static final int GENERATIONS = 2_000;
    static final long LIMIT_NANOS = 2_000_000_000L;
    private static final Pattern HEADER =
            Pattern.compile("[^\\n]*:\\d+:\\d+: (error|warning)\\[NN\\d{3}\\]: [^\\n]+");
    private static final List<String> TOKENS = List.of("model", "input", "dense", "loss", "optimizer", "init",
            "seed", "train", "stop when", "if", "then", "else", "activation", "{", "}", "(", ")", ",", ";", "=", "^",
            "-", "*", "/", "<", "not", "and", "1e", "1e-4", "0", "-1", "relu", "softmax", "\n", "#", "//", "\t",
            "\u0000", "\uD83D\uDE00", "\uD800", "999999999999999999999", "((((", "))))");

    @Test
    @Timeout(240)
    void mutatedAndGeneratedSpecsNeverCrash() throws IOException {
        List<String> corpus = corpus();
        Random random = new Random(20240601L);
        int withDiagnostics = 0;
        int clean = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            String base = corpus.get(random.nextInt(corpus.size()));
            String input = mutate(base, corpus, random, 1 + random.nextInt(4));
            boolean hasDiagnostics = run("mutation-" + i, input);
            withDiagnostics += hasDiagnostics ? 1 : 0;
            clean += hasDiagnostics ? 0 : 1;
        }
        for (int i = 0; i < GENERATIONS; i++) {
            String input = SpecGenerator.generate(1_000_000L + i);
            if (i % 2 == 1) {
                input = mutate(input, corpus, random, 1 + random.nextInt(3));
            }
            withDiagnostics += run("generation-" + i, input) ? 1 : 0;
        }
        // the campaign must exercise both paths: inputs that fail and inputs that still check
        assertTrue(withDiagnostics > MUTATIONS / 2, "too few mutations produced diagnostics: " + withDiagnostics);
        assertTrue(clean > 100, "too few mutations stayed valid: " + clean);
    }

    private static boolean run(String name, String input) throws IOException {
        long start = System.nanoTime();
        CheckResult result;
        String rendered;
        try {
            result = Frontend.check(new SourceFile("fuzz.nn", input));
            rendered = DiagnosticRenderer.renderAll(result.diagnostics());
        } catch (Throwable t) {
            keep(name, input);
            throw new AssertionError(name + " threw; input kept in target/fuzz-crashers/", t);
        }
        long elapsed = System.nanoTime() - start;
        if (elapsed > LIMIT_NANOS) {
            // a slow input is slow every time; a stall of a loaded machine (GC, another process) is not: time it again
            long again = System.nanoTime();
            Frontend.check(new SourceFile("fuzz.nn", input));
            elapsed = Math.min(elapsed, System.nanoTime() - again);
        }
        if (elapsed > LIMIT_NANOS || rendered.contains("Exception") || rendered.contains("\tat ")
                || rendered.contains("NN999")) {
            keep(name, input);
            fail(name + " took " + elapsed / 1_000_000 + " ms or leaked an internal error:\n" + rendered);
        }
        for (Diagnostic d : result.diagnostics()) {
            String header = DiagnosticRenderer.render(d).lines().findFirst().orElse("");
            assertTrue(HEADER.matcher(header).matches(), name + ": malformed header " + header);
            assertTrue(d.span().end() <= input.length(), name + ": span beyond the text: " + d);
        }
        assertFalse(result.hasErrors() && !result.networks().isEmpty() && result.networks().size()
                        > countModels(input), name + ": more networks than models");
        return !result.diagnostics().isEmpty();
    }

    private static int countModels(String input) {
        int n = 0;
        for (int i = input.indexOf("model"); i >= 0; i = input.indexOf("model", i + 1)) {
            n++;
        }
        return n;
    }

    static String mutate(String text, List<String> corpus, Random random, int times) {
        StringBuilder s = new StringBuilder(text);
        for (int k = 0; k < times; k++) {
            int at = s.length() == 0 ? 0 : random.nextInt(s.length() + 1);
            int len = Math.min(s.length() - at, 1 + random.nextInt(12));
            switch (random.nextInt(7)) {
                case 0 -> { // flip one char to another, sometimes a control or non-ASCII one
                    if (at < s.length()) {
                        int c = random.nextInt(4) == 0 ? random.nextInt(0x3000) : 32 + random.nextInt(95);
                        s.setCharAt(at, (char) c);
                    }
                }
                case 1 -> s.delete(at, at + len);
                case 2 -> s.insert(at, s.substring(at, at + len));
                case 3 -> { // splice a piece of another spec
                    String other = corpus.get(random.nextInt(corpus.size()));
                    int from = other.isEmpty() ? 0 : random.nextInt(other.length());
                    s.insert(at, other, from, Math.min(other.length(), from + 1 + random.nextInt(80)));
                }
                case 4 -> s.insert(at, " " + TOKENS.get(random.nextInt(TOKENS.size())) + " ");
                case 5 -> { // swap two words
                    String[] words = s.toString().split(" ", -1);
                    if (words.length > 2) {
                        int a = random.nextInt(words.length);
                        int b = random.nextInt(words.length);
                        String w = words[a];
                        words[a] = words[b];
                        words[b] = w;
                        s = new StringBuilder(String.join(" ", words));
                    }
                }
                default -> s.setLength(at); // truncate
            }
        }
        return s.toString();
    }

    static List<String> corpus() throws IOException {
        List<String> corpus = new ArrayList<>();
        for (Path dir : List.of(Path.of("specs"), BadSpecBaselineTest.DIR)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".nn")).sorted().toList()) {
                    corpus.add(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
                }
            }
        }
        return corpus;
    }

    private static void keep(String name, String input) throws IOException {
        Path dir = Path.of("target/fuzz-crashers");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".nn"), input, StandardCharsets.UTF_8);
    }
}
