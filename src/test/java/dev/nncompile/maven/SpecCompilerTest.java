package dev.nncompile.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nncompile.compiler.CompiledModel;
import dev.nncompile.emit.Kernels;
import dev.nncompile.model.Precision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The package rule of the plugin, with the real compiler: configuration, then statement, then folders. */
class SpecCompilerTest {
    private static final Path ROOT = Path.of("/project/src/main/nn");
    private static final String BODY = """
            model Xor {
                input 2
                dense 4 tanh
                dense 1 sigmoid
                loss bce
                optimizer sgd(lr = 0.5)
            }
            """;

    private static SpecInput spec(String relative, String text) {
        return SpecInput.of(ROOT, ROOT.resolve(relative), text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> classes(SpecCompiler.Compiled c) {
        assertEquals(0, c.errorCount(), () -> c.diagnostics() + " " + c.problems());
        return c.models().stream().map(CompiledModel::qualifiedName).toList();
    }

    @Test
    void foldersGiveThePackage() {
        assertEquals(List.of("com.acme.Xor"), classes(SpecCompiler.compile(spec("com/acme/Xor.nn", BODY), null, null)));
        assertEquals(List.of("Xor"), classes(SpecCompiler.compile(spec("Xor.nn", BODY), null, null)));
    }

    @Test
    void thePackageStatementWinsOverFolders() {
        SpecInput stated = spec("com/acme/Xor.nn", "package org.example;\n" + BODY);
        assertEquals(List.of("org.example.Xor"), classes(SpecCompiler.compile(stated, null, null)));
    }

    @Test
    void theConfiguredPackageWinsOverBoth() {
        SpecInput stated = spec("com/acme/Xor.nn", "package org.example;\n" + BODY);
        assertEquals(List.of("net.configured.Xor"),
                classes(SpecCompiler.compile(stated, "net.configured", null)));
    }

    @Test
    void theConfiguredKernelsReachTheGeneratedClass() {
        SpecCompiler.Compiled simd = SpecCompiler.compile(spec("com/acme/Xor.nn", BODY), null, Precision.DOUBLE,
                Kernels.SIMD);
        assertEquals(List.of("com.acme.Xor"), classes(simd));
        assertEquals(Kernels.SIMD, simd.models().get(0).kernels());
        assertTrue(simd.models().get(0).source().contains("import jdk.incubator.vector.DoubleVector;"));

        SpecCompiler.Compiled plain = SpecCompiler.compile(spec("com/acme/Xor.nn", BODY), null, null);
        assertEquals(Kernels.PLAIN, plain.models().get(0).kernels());
        assertFalse(plain.models().get(0).source().contains("jdk.incubator.vector"));
    }

    @Test
    void theConfiguredPrecisionReachesTheGeneratedClass() {
        SpecCompiler.Compiled c = SpecCompiler.compile(spec("com/acme/Xor.nn", BODY), null, Precision.DOUBLE);
        assertEquals(Precision.DOUBLE, c.models().get(0).network().precision());
        assertTrue(c.models().get(0).source().contains("double[]"));
    }

    @Test
    void foldersThatSpellNoPackageAreAnErrorUnlessTheSpecNamesOne() {
        SpecCompiler.Compiled bad = SpecCompiler.compile(spec("my-models/Xor.nn", BODY), null, null);
        assertEquals(1, bad.errorCount());
        assertEquals(List.of(), bad.models());
        assertTrue(bad.problems().get(0).startsWith(ROOT.resolve("my-models/Xor.nn") + ": error: the folders"
                + " 'my-models' do not spell a Java package"), bad.problems().get(0));

        SpecInput stated = spec("my-models/Xor.nn", "package org.example;\n" + BODY);
        assertEquals(List.of("org.example.Xor"), classes(SpecCompiler.compile(stated, null, null)));
    }

    @Test
    void specErrorsComeBackAsDiagnosticsNamingTheAbsolutePath() {
        SpecCompiler.Compiled c = SpecCompiler.compile(spec("com/acme/Xor.nn", BODY.replace("tanh", "tnah")), null,
                null);
        assertEquals(1, c.errorCount());
        assertEquals(List.of(), c.models());
        assertEquals(ROOT.resolve("com/acme/Xor.nn").toString(), c.diagnostics().get(0).file().path());
    }
}
