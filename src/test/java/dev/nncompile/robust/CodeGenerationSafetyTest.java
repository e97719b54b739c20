package dev.nncompile.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nncompile.compiler.CheckedSpecs;
import dev.nncompile.compiler.CompileRequest;
import dev.nncompile.compiler.CompileResult;
import dev.nncompile.compiler.CompiledModel;
import dev.nncompile.compiler.NnCompiler;
import dev.nncompile.model.Precision;
import dev.nncompile.source.Diagnostic;
import dev.nncompile.source.DiagnosticCode;
import dev.nncompile.source.DiagnosticRenderer;
import dev.nncompile.source.SourceFile;
import dev.nncompile.sym.JavaPrinter;
import dev.nncompile.train.InMemoryCompiler;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, point 2: any spec the checker accepts yields Java that compiles under {@code -Xlint:all -Werror}, and
 * no spec text can end a comment or string of the output. Hostile names, literals, formulas and packages are each
 * either rejected with a located diagnostic or generated correctly; the accepted ones are compiled together.
 */
class CodeGenerationSafetyTest {
    private static final String BODY = " { input 2 dense 3 tanh dense 1 sigmoid loss bce optimizer sgd(lr = 0.1) }";

    /** Every Java keyword, literal and contextual keyword that cannot name a class: NN108 at the name. */
    @Test
    void javaKeywordsAndRestrictedNamesAreRejectedAtTheName() {
        List<String> names = List.of("abstract", "assert", "boolean", "break", "byte", "case", "catch", "char",
                "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
                "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface",
                "long", "native", "new", "package", "private", "protected", "public", "return", "short", "static",
                "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
                "volatile", "while", "_", "true", "false", "null", "var", "yield", "record", "sealed", "permits");
        for (String name : names) {
            String spec = "model " + name + BODY;
            CompileResult r = Pipeline.compile(spec);
            assertTrue(r.hasErrors(), "model " + name + " must be rejected");
            assertTrue(r.models().isEmpty());
            assertNoInternalError(r);
            Diagnostic first = firstError(r);
            assertEquals(1, first.line(), name);
            assertEquals(7, first.column(), "the error points at the name: " + DiagnosticRenderer.render(first));
        }
    }

    /** A name too long for a file name is an error at the name, with the limit; so is such a package part. */
    @Test
    void overlongNamesAreRejectedWithTheLimit() {
        CompileResult r = Pipeline.compile("model M" + "x".repeat(300) + BODY);
        Diagnostic d = firstError(r);
        assertEquals(DiagnosticCode.NN108, d.code());
        assertEquals(7, d.column());
        assertTrue(d.message().contains("301 chars long, and the limit is 200"), d.message());
        CompileResult p = Pipeline.compile("package a." + "b".repeat(201) + "\nmodel M" + BODY);
        assertEquals(DiagnosticCode.NN113, firstError(p).code());
        assertTrue(firstError(p).message().contains("the limit is 200"), firstError(p).message());
    }

    /** Unicode letters, '$' and leading digits are not part of the spec's NAME: a located lexical error. */
    @Test
    void unicodeDollarAndDigitNamesGetALocatedError() {
        for (String name : List.of("Ünïcode", "Модель", "A$b", "$", "9Lives", "x\u200Bor", "Xor\u0301", "ℕet")) {
            CompileResult r = Pipeline.compile("model " + name + BODY);
            assertTrue(r.hasErrors(), name);
            assertNoInternalError(r);
            Diagnostic first = firstError(r);
            assertEquals(1, first.line());
            assertTrue(first.column() >= 7 && first.column() <= 7 + name.length(), DiagnosticRenderer.render(first));
        }
    }

    /**
     * A model may take any other name: those that would clash with what the generated class uses (its nested
     * types, java.lang classes it names, imported types, its own constants and methods) are either rejected with
     * NN108 or compile. The names come from the generated source itself, so a new clash in emit is found here.
     */
    @Test
    void namesClashingWithTheGeneratedCodeAreRejectedOrCompile() {
        Set<String> names = new TreeSet<>(List.of("FitResult", "TrainingListener", "StopReason", "SafetensorsJson",
                "Math", "Override", "String", "Object", "Float", "Double", "List", "Map", "Arrays", "Generated",
                "N", "n", "i", "x", "y", "out", "main", "fit", "predict", "INPUTS", "MAX_BATCH", "Xor_", "__", "_x"));
        for (String precision : List.of("float", "double")) {
            CompiledModel sample = Pipeline.accept("model Sample { input 2 dense 3 tanh dense 2 softmax"
                    + " loss cross_entropy optimizer adam(lr = 0.01) precision " + precision
                    + " train { validation = 0.2 stop when val_loss stalls for 3 epochs } }");
            // type-like names (a capital and a lower-case letter): constants like INPUTS cannot clash with a type
            Matcher m = Pattern.compile("\\b[A-Z][A-Z0-9_]*[a-z][A-Za-z0-9_]*\\b").matcher(sample.source());
            while (m.find()) {
                names.add(m.group());
            }
        }
        names.remove("Sample");
        names.add("M" + "x".repeat(199)); // the longest name allowed
        List<CompiledModel> accepted = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (String name : names) {
            CompileResult r = Pipeline.compile("model " + name + BODY);
            assertNoInternalError(r);
            if (r.hasErrors()) {
                Diagnostic d = firstError(r);
                assertEquals(DiagnosticCode.NN108, d.code(), DiagnosticRenderer.render(d));
                assertTrue(d.message().contains(name), d.message());
                rejected.add(name);
            } else {
                accepted.add(r.models().get(0));
            }
        }
        assertTrue(rejected.containsAll(List.of("FitResult", "TrainingListener", "StopReason", "Math", "String")),
                "rejected: " + rejected);
        InMemoryCompiler.Result javac = Pipeline.javac(accepted);
        assertTrue(javac.success(), () -> "accepted names that do not compile:\n"
                + String.join("\n", javac.diagnostics()));
    }

    /** Parameter names that are Java keywords or the generated code's locals are substituted, never printed. */
    @Test
    void parameterNamesThatAreKeywordsOrLocalsCompileAndMeanWhatTheySay() throws Exception {
        String spec = """
                activation g(i; n = 2, x = 3, out = 4, N = 5, t = 6, lr = 7, s = 0.5) = i * n + s * x * out - N * t
                activation k(int; class = 0.25, double = 0.5) = tanh(int * class + double)
                loss swapped(y, p; i = 2) = (y - i * p)^2
                loss plain(p, y; k = 2) = (p - k * y)^2
                model Swapped { input 2 dense 3 g(n = 1) dense 2 k loss swapped optimizer sgd(lr = 0.1) seed 9 }
                model Plain { input 2 dense 3 g(n = 1) dense 2 k loss plain optimizer sgd(lr = 0.1) seed 9 }
                """;
        CompileResult r = Pipeline.compile(spec);
        assertFalse(r.hasErrors(), () -> DiagnosticRenderer.renderAll(r.diagnostics()));
        InMemoryCompiler.Result javac = Pipeline.javac(r.models());
        assertTrue(javac.success(), () -> String.join("\n", javac.diagnostics()));
        // the first parameter of a loss is the prediction whatever its name: both models compute the same loss
        float[] x = {0.5f, -1f, 2f, 0.25f};
        float[] y = {0.1f, 0.9f, 0.3f, 0.7f};
        double swapped = loss(javac.load("Swapped"), x, y);
        double plain = loss(javac.load("Plain"), x, y);
        assertTrue(Double.isFinite(plain));
        assertEquals(plain, swapped, 1e-6 * Math.abs(plain));
        // g(z) = z·1 + 0.5·3·4 − 5·6 = z − 24 with n = 1: the hidden pre-activation is shifted by −24
        CompiledModel plainModel = r.models().get(1);
        assertTrue(plainModel.source().contains("24.0f") || plainModel.source().contains("- 24"),
                "parameters are substituted as constants");
    }

    /**
     * Extreme literals in both precisions: 1e308, a double subnormal 1e-320, 3.4e38 (just below Float.MAX_VALUE),
     * 1e39 (overflows float), 1e-46 and 1e-50 (underflow float; "1e-50f" would be a javac error), 4.9e-324.
     */
    @Test
    void extremeLiteralsCompileInBothPrecisions() throws Exception {
        List<CompiledModel> models = new ArrayList<>();
        String[] literals = {"1e308", "1e-320", "3.4e38", "1e39", "1e-46", "1e-50", "4.9e-324", "1.4e-45",
            "0.1", "123456789012345678901234567890"};
        for (String precision : List.of("float", "double")) {
            StringBuilder body = new StringBuilder("z");
            for (String lit : literals) {
                // each literal in a test, a max/min argument and a product: places the simplifier cannot fold
                body.append("\n    + (if z < ").append(lit).append(" then max(z, ").append(lit)
                        .append(") else min(z * ").append(lit).append(", ").append(lit).append("))");
            }
            String name = "Lit" + Character.toUpperCase(precision.charAt(0));
            // constants that fold to infinities and NaN (1/0, log 0, √−1, 0/0, e^1000): emitted as Float/Double
            // constants, never as a literal javac rejects
            String spec = "activation g(z) = " + body + "\n"
                    + "activation h(z) = if z < 1 / 0 then z * exp(1000) else z + log(0) + sqrt(0 - 1) + (0 / 0)\n"
                    + "loss l(p, y; d = 1e39) = (p - y)^2 + 1e-50 * min(abs(p - y), d) + 1e-320 * p\n"
                    + "model " + name + " { input 2 dense 3 g dense 2 h dense 1 identity loss l optimizer sgd(lr = 0.1)"
                    + " precision " + precision + " }";
            CompileResult r = Pipeline.compile(spec);
            assertNoInternalError(r);
            assertFalse(r.hasErrors(), () -> spec + "\n" + DiagnosticRenderer.renderAll(r.diagnostics()));
            models.add(r.models().get(0));
        }
        InMemoryCompiler.Result javac = Pipeline.javac(models);
        assertTrue(javac.success(), () -> String.join("\n", javac.diagnostics()));
        for (CompiledModel m : models) {
            Comments.assertNoSpecTextEscapes(m.source());
            assertFalse(m.source().matches("(?s).*\\b1\\.?0?[eE]-50[fF].*"), "no float literal javac rejects");
        }
        // a literal beyond double is rejected where it is written
        CompileResult huge = Pipeline.compile("activation g(z) = z * 1e400\nmodel Huge { input 2 dense 1 g"
                + " loss mse optimizer sgd(lr = 0.1) }");
        assertTrue(huge.hasErrors());
        assertEquals(1, firstError(huge).line());
        assertEquals(23, firstError(huge).column());
    }

    /**
     * NN909: a literal that overflows float, underflows to 0 or is subnormal in float is a warning when the model
     * computes in float, in the precision actually compiled (an override included), and silent in double; the
     * literal is printed exactly for the precision either way.
     */
    @Test
    void floatRangeWarningsFollowThePrecisionActuallyUsed() {
        String body = "activation g(z) = min(z, 1e39) + max(z, 1e-40) + z * 1e-46 + z * 3.4e38 + 0.1\n";
        String floatSpec = body + "model F { input 1 dense 1 g loss mse optimizer sgd(lr = 0.1) }";
        String doubleSpec = body + "model D { input 1 dense 1 g loss mse optimizer sgd(lr = 0.1) precision double }";
        assertEquals(List.of("1:26", "1:41", "1:54"), floatRangeWarnings(floatSpec, null));
        assertEquals(List.of(), floatRangeWarnings(doubleSpec, null));
        assertEquals(List.of(), floatRangeWarnings(floatSpec, Precision.DOUBLE), "--precision double");
        assertEquals(List.of("1:26", "1:41", "1:54"), floatRangeWarnings(doubleSpec, Precision.FLOAT),
                "--precision float");

        for (String spec : List.of(floatSpec, doubleSpec)) {
            CompileResult r = Pipeline.compile(spec);
            assertFalse(r.hasErrors(), () -> DiagnosticRenderer.renderAll(r.diagnostics()));
            String source = r.models().get(0).source();
            boolean isFloat = spec == floatSpec;
            JavaPrinter printer = new JavaPrinter(isFloat ? JavaPrinter.Type.FLOAT : JavaPrinter.Type.DOUBLE);
            for (double v : new double[] {1e39, 1e-40, 3.4e38}) {
                String literal = printer.literal(v);
                assertTrue(source.contains(literal), () -> literal + " in\n" + source);
                if (isFloat && Float.isFinite((float) v)) {
                    assertEquals((float) v, Float.parseFloat(literal), literal);
                } else if (!isFloat) {
                    assertEquals(v, Double.parseDouble(literal), literal);
                }
            }
            assertEquals(isFloat, source.contains("Float.POSITIVE_INFINITY"), "1e39 is infinity only in float");
        }
    }

    private static List<String> floatRangeWarnings(String spec, Precision override) {
        CheckedSpecs checked = NnCompiler.check(new CompileRequest(List.of(new SourceFile("f.nn", spec)), null,
                override));
        assertFalse(checked.hasErrors(), () -> DiagnosticRenderer.renderAll(checked.diagnostics()));
        return checked.diagnostics().stream().filter(d -> d.code() == DiagnosticCode.NN909)
                .map(d -> d.line() + ":" + d.column()).toList();
    }

    /** Formulas as deep as the checker allows still generate Java that javac accepts, in reasonable time. */
    @Test
    void deepButAcceptedFormulasCompile() {
        StringBuilder parens = new StringBuilder("z");
        for (int i = 0; i < 190; i++) {
            parens.insert(0, "(").append(" + 0.5)");
        }
        StringBuilder tanhs = new StringBuilder("z");
        for (int i = 0; i < 25; i++) { // 40 is over the checker's expansion bound (NN406)
            tanhs.insert(0, "tanh(0.9 * ").append(")");
        }
        StringBuilder ifs = new StringBuilder("z");
        for (int i = 40; i > 0; i--) {
            ifs.insert(0, "if z < " + i + " then " + i + " * z else ");
        }
        List<CompiledModel> models = new ArrayList<>();
        String[] bodies = {parens.toString(), tanhs.toString(), ifs.toString()};
        for (int i = 0; i < bodies.length; i++) {
            long start = System.nanoTime();
            models.add(Pipeline.accept("activation deep(z) = " + bodies[i] + "\nmodel Deep" + i
                    + " { input 2 dense 3 deep dense 1 sigmoid loss bce optimizer sgd(lr = 0.1) }"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 20_000, "deep formula " + i + " took " + millis + " ms to generate");
        }
        InMemoryCompiler.Result javac = Pipeline.javac(models);
        assertTrue(javac.success(), () -> String.join("\n", javac.diagnostics()));
    }

    /** Packages: keywords and the JDK's own packages are rejected at the package statement; the rest compile. */
    @Test
    void packageNames() {
        for (String pkg : List.of("java.util", "java.lang.nn", "java", "javax.swing", "jdk.internal.misc",
                "com.sun.net.httpserver", "a.int.b", "a._")) {
            CompileResult r = Pipeline.compile("package " + pkg + "\nmodel Pkg" + BODY);
            assertTrue(r.hasErrors(), pkg);
            assertNoInternalError(r);
            Diagnostic d = firstError(r);
            assertEquals(DiagnosticCode.NN113, d.code(), DiagnosticRenderer.render(d));
            assertEquals(1, d.line());
        }
        List<CompiledModel> accepted = new ArrayList<>();
        for (String pkg : List.of("record.var.yield.sealed.permits", "javaz.util", "a.b.c.d.e.f.g.h", "Pkg",
                "module.open.requires.exports.opens.to.uses.provides.transitive.with", "x.java.lang")) {
            accepted.add(Pipeline.accept("package " + pkg + "\nmodel Pkg" + BODY));
        }
        InMemoryCompiler.Result javac = Pipeline.javac(accepted);
        assertTrue(javac.success(), () -> String.join("\n", javac.diagnostics()));
    }

    /**
     * Spec text that would end a comment or string in Java (in comments of the spec, where the lexer skips it, and
     * everywhere a name or number may stand) never reaches the output as such: the generated class compiles, holds
     * no Unicode escape and none of the hostile comment text.
     */
    @Test
    void specTextCannotEndACommentOrStringInTheOutput() {
        String spec = """
                # */ class Evil1 { } /*
                // \\u002a/ class Evil2 { } "quote" \\u000a class Evil3 { }
                activation act_star(z; q = 2) = z * q   # */ class Evil4 { }
                model Escape_ { # */ "
                    input 2                         // */
                    dense 3 act_star(q = 0.5)       # \\u002a\\u002f
                    dense 1 sigmoid
                    loss bce
                    optimizer sgd(lr = 0.1)
                }
                """;
        CompiledModel model = Pipeline.accept(spec);
        String source = model.source();
        Comments.assertNoSpecTextEscapes(source);
        for (String marker : List.of("Evil", "\"quote\"", "u002a", "u000a")) {
            assertFalse(source.contains(marker), "spec comment text reached the output: " + marker);
        }
        InMemoryCompiler.Result javac = Pipeline.javac(List.of(model));
        assertTrue(javac.success(), () -> String.join("\n", javac.diagnostics()));
        assertEquals(Set.of("Escape_", "Escape_$FitResult", "Escape_$StopReason", "Escape_$TrainingListener",
                "Escape_$SafetensorsJson"), new TreeSet<>(javac.classFiles().keySet()).stream()
                .filter(n -> !n.matches(".*\\$\\d+$")).collect(java.util.stream.Collectors.toSet()),
                "no class the spec did not ask for");
    }

    /**
     * What SECURITY.md promises about the generated code, checked on the output of every bundled spec: java.base
     * only (these imports and java.lang), no reflection, no class loading, no threads, no processes, no files, no
     * network, no clock or environment; its only I/O is the streams passed to writeWeights and readWeights.
     */
    @Test
    void generatedCodeUsesOnlyTheDocumentedApis() throws Exception {
        Set<String> allowedImports = Set.of("java.io.IOException", "java.io.InputStream", "java.io.OutputStream",
                "java.nio.ByteBuffer", "java.nio.ByteOrder", "java.nio.charset.StandardCharsets",
                "java.util.ArrayList", "java.util.Arrays", "java.util.LinkedHashMap", "java.util.List",
                "java.util.Map");
        Pattern forbidden = Pattern.compile("\\b(reflect|forName|getClass|ClassLoader|Thread|Runtime|Process"
                + "|ProcessBuilder|System\\.(?!arraycopy)|java\\.nio\\.file|java\\.net|File(Input|Output)?Stream|Files"
                + "|Unsafe|MethodHandle|ObjectInputStream|Serializable|native|getenv|getProperty|currentTimeMillis"
                + "|nanoTime|synchronized|volatile)\\b");
        int specs = 0;
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("specs"))) {
            for (java.nio.file.Path spec : (Iterable<java.nio.file.Path>) files.sorted()::iterator) {
                if (!spec.toString().endsWith(".nn")) {
                    continue;
                }
                specs++;
                for (CompiledModel m : Pipeline.compile(java.nio.file.Files.readString(spec)).models()) {
                    for (String line : m.source().split("\n")) {
                        if (line.startsWith("import ")) {
                            String imported = line.substring(7, line.length() - 1);
                            assertTrue(allowedImports.contains(imported), m.qualifiedName() + " imports " + imported);
                        }
                        String code = line.replaceAll("^\\s*(\\*|//).*", "");
                        Matcher bad = forbidden.matcher(code);
                        assertFalse(bad.find(), m.qualifiedName() + " uses " + (bad.find(0) ? bad.group() : "")
                                + ": " + line);
                    }
                }
            }
        }
        assertTrue(specs >= 5, "the bundled specs were found");
    }

    /** A property over seeded random hostile specs: accepted ⇒ compiles; rejected ⇒ located, no internal error. */
    @Test
    void randomHostileSpecsAreRejectedCleanlyOrCompile() {
        Random random = new Random(8);
        String[] names = {"n", "i", "x", "y", "out", "N", "t", "int", "class", "z", "p", "lr", "_", "__", "s1"};
        String[] literals = {"1e308", "1e-320", "3.4e38", "1e39", "1e-46", "0", "1", "2.5", "1e-7"};
        String[] fns = {"exp", "log", "sqrt", "abs", "tanh", "sigmoid", "softplus", "erf", "sin", "cos"};
        List<CompiledModel> accepted = new ArrayList<>();
        int rejected = 0;
        for (int k = 0; k < 24; k++) {
            String v = names[random.nextInt(names.length)];
            String q = names[random.nextInt(names.length)];
            String body = randomFormula(random, v, q, literals, fns, 4);
            String precision = random.nextBoolean() ? "float" : "double";
            String spec = "activation a" + k + "(" + v + "; " + q + " = " + literals[random.nextInt(literals.length)]
                    + ") = " + body + "\nmodel R" + k + " { input 2 dense 3 a" + k + " dense 1 sigmoid loss bce"
                    + " optimizer adam(lr = 0.01) precision " + precision + " }";
            CompileResult r = Pipeline.compile(spec);
            assertNoInternalError(r);
            if (r.hasErrors()) {
                rejected++;
                for (Diagnostic d : r.diagnostics()) {
                    assertTrue(d.line() >= 1 && d.column() >= 1, DiagnosticRenderer.render(d));
                }
            } else {
                accepted.add(r.models().get(0));
            }
        }
        assertTrue(accepted.size() >= 12, "most random specs are valid; rejected " + rejected);
        InMemoryCompiler.Result javac = Pipeline.javac(accepted);
        assertTrue(javac.success(), () -> String.join("\n", javac.diagnostics()));
    }

    private static String randomFormula(Random random, String v, String q, String[] literals, String[] fns,
                                        int depth) {
        if (depth == 0 || random.nextInt(4) == 0) {
            int pick = random.nextInt(3);
            return pick == 0 ? v : pick == 1 ? q : literals[random.nextInt(literals.length)];
        }
        String a = randomFormula(random, v, q, literals, fns, depth - 1);
        String b = randomFormula(random, v, q, literals, fns, depth - 1);
        switch (random.nextInt(7)) {
            case 0: return "(" + a + " + " + b + ")";
            case 1: return "(" + a + " * " + b + ")";
            case 2: return "(" + a + " - " + b + ")";
            case 3: return fns[random.nextInt(fns.length)] + "(" + a + ")";
            case 4: return "if " + a + " < " + b + " then " + a + " else " + b;
            case 5: return "max(" + a + ", " + b + ")";
            default: return "(" + a + ") ^ 2";
        }
    }

    private static double loss(Class<?> type, float[] x, float[] y) throws Exception {
        Constructor<?> c = type.getConstructor(long.class);
        Object model = c.newInstance(9L);
        Method loss = type.getMethod("loss", float[].class, float[].class, int.class);
        return ((Number) loss.invoke(model, x, y, 2)).doubleValue();
    }

    static Diagnostic firstError(CompileResult r) {
        return r.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
    }

    static void assertNoInternalError(CompileResult r) {
        for (Diagnostic d : r.diagnostics()) {
            assertFalse(d.code() == DiagnosticCode.NN999, DiagnosticRenderer.render(d));
        }
    }
}
