package dev.nncompile.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.nncompile.compiler.CompiledModel;
import dev.nncompile.emit.Kernels;
import dev.nncompile.model.Network;
import dev.nncompile.model.Precision;
import dev.nncompile.source.Diagnostic;
import dev.nncompile.source.DiagnosticCode;
import dev.nncompile.source.Severity;
import dev.nncompile.source.SourceSpan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incremental bookkeeping of a generation run, with a stand-in for the compiler so that only the plugin's own
 * logic is under test: which specs are compiled, which files are written, removed or left alone, and when the
 * manifest moves.
 */
class SpecGenerationTest {
    private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000L);

    @TempDir
    Path project;

    private Path specs;
    private Path out;
    private Path manifest;
    private final List<String> compiledSpecs = new ArrayList<>();
    private final List<Path> writes = new ArrayList<>();

    @BeforeEach
    void paths() {
        specs = project.resolve("src/main/nn");
        out = project.resolve("target/generated-sources/nncompile");
        manifest = project.resolve("target/maven-status/nncompile/generate/default/manifest");
    }

    // ---- the stand-in compiler: "model X" lines make classes, "error"/"warning" lines make diagnostics --------

    private SpecCompiler.Compiled fakeCompile(SpecInput spec, String packageName, Precision precision,
                                              Kernels kernels) {
        compiledSpecs.add(spec.relativePath());
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<String> names = new ArrayList<>();
        String statement = null;
        int offset = 0;
        for (String line : spec.text().split("\n", -1)) {
            String[] words = line.trim().split("\\s+");
            switch (words[0]) {
                case "model" -> names.add(words[1]);
                case "package" -> statement = words[1];
                case "error" -> diagnostics.add(new Diagnostic(DiagnosticCode.NN101, Severity.ERROR,
                        spec.sourceFile(), new SourceSpan(offset, offset + line.length()), "bad", null));
                case "warning" -> diagnostics.add(new Diagnostic(DiagnosticCode.NN904, Severity.WARNING,
                        spec.sourceFile(), new SourceSpan(offset, offset + line.length()), "odd", null));
                default -> { }
            }
            offset += line.length() + 1;
        }
        if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
            return new SpecCompiler.Compiled(spec, diagnostics, List.of(), List.of());
        }
        String pkg = packageName != null ? packageName : statement != null ? statement : spec.folderPackage();
        String type = precision == null ? "float" : precision.javaType();
        List<CompiledModel> models = new ArrayList<>();
        for (String name : names) {
            Network network = new Network(name, pkg, new SourceSpan(0, 0), 1, List.of(), null, null, List.of(), 1L,
                    Precision.FLOAT, null);
            JavaFile file = JavaFile.builder(pkg, TypeSpec.classBuilder(name).addModifiers(Modifier.PUBLIC)
                    .addJavadoc("$L $L\n", type, kernels.vectorApi() ? "SIMD" : "PLAIN").build()).build();
            models.add(new CompiledModel(network, null, file));
        }
        return new SpecCompiler.Compiled(spec, diagnostics, models, List.of());
    }

    private final GeneratedFiles recordingFiles = new GeneratedFiles() {
        @Override
        public boolean write(Path file, byte[] bytes) throws IOException {
            boolean changed = PLAIN.write(file, bytes);
            if (changed) {
                writes.add(file);
            }
            return changed;
        }

        @Override
        public boolean delete(Path file) throws IOException {
            return PLAIN.delete(file);
        }
    };

    private GenerationOutcome run() throws IOException {
        return run(null, null, false);
    }

    private GenerationOutcome run(String packageName, Precision precision, boolean failOnWarning) throws IOException {
        return run(packageName, precision, Kernels.PLAIN, failOnWarning, this::fakeCompile);
    }

    private GenerationOutcome run(String packageName, Precision precision, Kernels kernels, boolean failOnWarning,
                                  SpecGeneration.Compilation compilation) throws IOException {
        compiledSpecs.clear();
        writes.clear();
        GenerationRequest request = new GenerationRequest(specs, out, manifest, packageName, precision, kernels,
                failOnWarning, "1.0-test");
        return new SpecGeneration(request, recordingFiles, compilation).run();
    }

    /** The real compiler, recording which specs it was asked for. */
    private SpecCompiler.Compiled realCompile(SpecInput spec, String packageName, Precision precision,
                                              Kernels kernels) {
        compiledSpecs.add(spec.relativePath());
        return SpecCompiler.compile(spec, packageName, precision, kernels);
    }

    private void spec(String relative, String text) throws IOException {
        Path file = specs.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Path generated(String relative) {
        return out.resolve(relative);
    }

    private void ageOutputs() throws IOException {
        try (Stream<Path> walk = Files.walk(project.resolve("target"))) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(p, LONG_AGO);
            }
        }
    }

    // ---- the tests ---------------------------------------------------------------------------------------------

    @Test
    void firstRunGeneratesEveryModelAndPromotesTheManifest() throws IOException {
        spec("com/acme/Xor.nn", "model Xor");
        spec("com/acme/Pair.nn", "model Left\nmodel Right");
        spec("Stated.nn", "package org.example\nmodel Stated");

        GenerationOutcome outcome = run();

        assertTrue(outcome.succeeded());
        assertEquals(List.of("Stated.nn", "com/acme/Pair.nn", "com/acme/Xor.nn"), compiledSpecs);
        assertTrue(Files.isRegularFile(generated("com/acme/Xor.java")));
        assertTrue(Files.isRegularFile(generated("com/acme/Left.java")));
        assertTrue(Files.isRegularFile(generated("com/acme/Right.java")));
        assertTrue(Files.isRegularFile(generated("org/example/Stated.java")));
        assertEquals(4, outcome.writtenCount());
        Manifest m = Manifest.read(manifest);
        assertEquals(List.of("com/acme/Left.java", "com/acme/Right.java"),
                m.specs().get("com/acme/Pair.nn").outputs().stream().map(Manifest.OutputRecord::path).toList());
        assertEquals("1.0-test", m.settings().get("plugin"));
    }

    @Test
    void aSecondRunCompilesNothingAndTouchesNothing() throws IOException {
        spec("com/acme/Xor.nn", "model Xor");
        spec("com/acme/Iris.nn", "model Iris");
        run();
        ageOutputs();

        GenerationOutcome outcome = run();

        assertTrue(outcome.succeeded());
        assertEquals(List.of(), compiledSpecs);
        assertEquals(List.of(), writes);
        assertEquals(List.of("com/acme/Iris.nn", "com/acme/Xor.nn"), outcome.upToDate());
        assertEquals(LONG_AGO, Files.getLastModifiedTime(generated("com/acme/Xor.java")));
        assertEquals(LONG_AGO, Files.getLastModifiedTime(manifest), "an unchanged manifest was rewritten");
    }

    @Test
    void onlyTheEditedSpecIsCompiledAndOnlyChangedBytesAreWritten() throws IOException {
        spec("com/acme/Xor.nn", "model Xor");
        spec("com/acme/Iris.nn", "model Iris");
        run();
        ageOutputs();

        spec("com/acme/Iris.nn", "# a comment changes the spec's digest but not its class\nmodel Iris");
        GenerationOutcome outcome = run();

        assertEquals(List.of("com/acme/Iris.nn"), compiledSpecs);
        assertEquals(List.of(), writes, "identical generated bytes must not be rewritten");
        assertEquals(1, outcome.files().size());
        assertFalse(outcome.files().get(0).changed());
        assertEquals(LONG_AGO, Files.getLastModifiedTime(generated("com/acme/Iris.java")));
        assertTrue(Manifest.read(manifest).format().contains(Sha256.hex(Files.readAllBytes(
                specs.resolve("com/acme/Iris.nn")))), "the manifest must record the new digest");
    }

    @Test
    void aDeletedSpecLosesItsClassAndTheFolderItLeavesEmpty() throws IOException {
        spec("com/acme/Keep.nn", "model Keep");
        spec("com/acme/gone/deep/Gone.nn", "model Gone");
        run();

        Files.delete(specs.resolve("com/acme/gone/deep/Gone.nn"));
        GenerationOutcome outcome = run();

        assertEquals(List.of(generated("com/acme/gone/deep/Gone.java")), outcome.removed());
        assertFalse(Files.exists(generated("com/acme/gone")), "empty package folders must go too");
        assertTrue(Files.isRegularFile(generated("com/acme/Keep.java")));
        assertFalse(Manifest.read(manifest).specs().containsKey("com/acme/gone/deep/Gone.nn"));
    }

    @Test
    void aRenamedModelLosesItsOldClass() throws IOException {
        spec("com/acme/Net.nn", "model Old");
        run();
        spec("com/acme/Net.nn", "model New");

        GenerationOutcome outcome = run();

        assertEquals(List.of(generated("com/acme/Old.java")), outcome.removed());
        assertTrue(Files.isRegularFile(generated("com/acme/New.java")));
        assertTrue(Files.isDirectory(generated("com/acme")));
    }

    @Test
    void removingEverySpecRemovesEveryClass() throws IOException {
        spec("com/acme/Xor.nn", "model Xor");
        run();
        Files.delete(specs.resolve("com/acme/Xor.nn"));
        Files.delete(specs.resolve("com/acme"));
        Files.delete(specs.resolve("com"));
        Files.delete(specs);

        GenerationOutcome outcome = run();

        assertTrue(outcome.succeeded());
        assertEquals(0, outcome.specCount());
        assertEquals(List.of(generated("com/acme/Xor.java")), outcome.removed());
        assertTrue(Manifest.read(manifest).specs().isEmpty());
    }

    @Test
    void anErrorWritesNothingRemovesNothingAndKeepsTheManifest() throws IOException {
        spec("com/acme/Keep.nn", "model Keep");
        spec("com/acme/Gone.nn", "model Gone");
        run();
        String before = Files.readString(manifest);

        Files.delete(specs.resolve("com/acme/Gone.nn"));
        spec("com/acme/Keep.nn", "model Keep\nerror here");
        spec("com/acme/New.nn", "model New");
        GenerationOutcome failed = run();

        assertFalse(failed.succeeded());
        assertEquals(1, failed.errorCount());
        assertEquals(1, failed.diagnostics().size());
        assertFalse(Files.exists(generated("com/acme/New.java")), "nothing is written while a spec has errors");
        assertTrue(Files.exists(generated("com/acme/Gone.java")), "nothing is removed while a spec has errors");
        assertEquals(before, Files.readString(manifest));

        spec("com/acme/Keep.nn", "model Keep");
        GenerationOutcome fixed = run();
        assertTrue(fixed.succeeded());
        assertEquals(List.of(generated("com/acme/Gone.java")), fixed.removed());
        assertTrue(Files.exists(generated("com/acme/New.java")));
    }

    @Test
    void warningsPassUnlessFailOnWarning() throws IOException {
        spec("Odd.nn", "model Odd\nwarning here");

        GenerationOutcome strict = run(null, null, true);
        assertFalse(strict.succeeded());
        assertEquals(1, strict.warningCount());
        assertEquals(0, strict.errorCount());
        assertFalse(Files.exists(generated("Odd.java")));
        assertFalse(Files.exists(manifest));

        GenerationOutcome lenient = run();
        assertTrue(lenient.succeeded());
        assertEquals(1, lenient.warningCount());
        assertTrue(Files.exists(generated("Odd.java")));

        // switching failOnWarning on later must not forget the warning of an unchanged spec
        assertFalse(run(null, null, true).succeeded());
    }

    @Test
    void twoSpecsMustNotGenerateTheSameClass() throws IOException {
        spec("a/Net.nn", "package shared\nmodel Net");
        run();
        spec("b/Net.nn", "package shared\nmodel Net");

        GenerationOutcome outcome = run();

        assertFalse(outcome.succeeded());
        assertEquals(1, outcome.problems().size());
        assertTrue(outcome.problems().get(0).contains("model shared.Net is also generated from a/Net.nn"),
                outcome.problems().get(0));
        assertTrue(outcome.problems().get(0).startsWith(specs.resolve("b/Net.nn").toAbsolutePath() + ": error: "));
    }

    @Test
    void aHandEditedOrDeletedClassIsRegenerated() throws IOException {
        spec("com/acme/Xor.nn", "model Xor");
        run();
        String original = Files.readString(generated("com/acme/Xor.java"));

        Files.writeString(generated("com/acme/Xor.java"), "// edited by hand");
        run();
        assertEquals(List.of("com/acme/Xor.nn"), compiledSpecs);
        assertEquals(original, Files.readString(generated("com/acme/Xor.java")));

        Files.delete(generated("com/acme/Xor.java"));
        run();
        assertEquals(original, Files.readString(generated("com/acme/Xor.java")));
    }

    @Test
    void anotherConfigurationRecompilesEverything() throws IOException {
        spec("com/acme/Xor.nn", "model Xor");
        spec("com/acme/Iris.nn", "model Iris");
        run();

        GenerationOutcome outcome = run(null, Precision.DOUBLE, false);
        assertEquals(List.of("com/acme/Iris.nn", "com/acme/Xor.nn"), compiledSpecs);
        assertEquals(2, outcome.writtenCount());

        run("org.other", Precision.DOUBLE, false);
        assertTrue(Files.isRegularFile(generated("org/other/Xor.java")));
        assertFalse(Files.exists(generated("com/acme")), "classes of the old package must be removed");
    }

    @Test
    void switchingSimdRecompilesEverythingAndSwitchingBackRestoresThePlainClasses() throws IOException {
        spec("com/acme/Xor.nn", "model Xor");
        spec("com/acme/Iris.nn", "model Iris");
        run();
        ageOutputs();

        GenerationOutcome simd = run(null, null, Kernels.SIMD, false, this::fakeCompile);
        assertTrue(simd.succeeded());
        assertEquals(List.of("com/acme/Iris.nn", "com/acme/Xor.nn"), compiledSpecs,
                "an up-to-date tree must be stale once simd is switched on");
        assertEquals(2, simd.writtenCount());
        assertEquals("simd", Manifest.read(manifest).settings().get("kernels"));
        assertTrue(Files.readString(generated("com/acme/Xor.java")).contains("float SIMD"));

        run(null, null, Kernels.SIMD, false, this::fakeCompile);
        assertEquals(List.of(), compiledSpecs, "the same simd setting twice is up to date");

        GenerationOutcome plain = run();
        assertEquals(List.of("com/acme/Iris.nn", "com/acme/Xor.nn"), compiledSpecs,
                "switching simd off must regenerate every class too");
        assertEquals(2, plain.writtenCount());
        assertEquals("plain", Manifest.read(manifest).settings().get("kernels"));
        assertTrue(Files.readString(generated("com/acme/Xor.java")).contains("float PLAIN"));
    }

    @Test
    void aSimdRequestGeneratesVectorApiClassesWithTheRealCompiler() throws IOException {
        spec("com/acme/Xor.nn", """
                model Xor {
                    input 2
                    dense 8 tanh
                    dense 1 sigmoid
                    loss bce
                    optimizer adam(lr = 0.05)
                }
                """);
        GenerationOutcome plain = run(null, null, Kernels.PLAIN, false, this::realCompile);
        assertTrue(plain.succeeded(), () -> plain.diagnostics().toString());
        String plainSource = Files.readString(generated("com/acme/Xor.java"));
        assertFalse(plainSource.contains("jdk.incubator.vector"), "plain kernels must need java.base only");

        GenerationOutcome simd = run(null, null, Kernels.SIMD, false, this::realCompile);
        assertTrue(simd.succeeded(), () -> simd.diagnostics().toString());
        assertEquals(List.of("com/acme/Xor.nn"), compiledSpecs);
        assertEquals(List.of(generated("com/acme/Xor.java")), writes);
        String simdSource = Files.readString(generated("com/acme/Xor.java"));
        assertTrue(simdSource.contains("import jdk.incubator.vector.FloatVector;"), simdSource);
        assertTrue(simdSource.contains("package com.acme;"));
        assertEquals(plainSource.lines().filter(l -> l.startsWith("public final class")).toList(),
                simdSource.lines().filter(l -> l.startsWith("public final class")).toList(),
                "the same public class, with other kernels");
    }
}
