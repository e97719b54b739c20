package dev.nncompile.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nncompile.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code generated/} holds the output of every spec in {@code specs/}, exactly as {@code nncompile specs/x.nn -d
 * generated} writes it. Regenerate with {@code mvn test -Dtest=GeneratedFolderTest -Dnncompile.updateGolden=true}.
 */
class GeneratedFolderTest {
    private static final Path SPECS = Path.of("specs");
    private static final Path GENERATED = Path.of("generated");
    private static final boolean UPDATE = Boolean.getBoolean("nncompile.updateGolden");

    static List<SourceFile> specs() throws IOException {
        List<SourceFile> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(SPECS)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".nn")).sorted().toList()) {
                files.add(new SourceFile(p.toString().replace('\\', '/'), Files.readString(p)));
            }
        }
        return files;
    }

    static List<CompiledModel> compileAll() throws IOException {
        List<CompiledModel> models = new ArrayList<>();
        for (SourceFile spec : specs()) {
            CompileResult result = NnCompiler.compile(CompileRequest.of(spec));
            assertFalse(result.hasErrors(), () -> spec.path() + ": " + result.diagnostics());
            models.addAll(result.models());
        }
        return models;
    }

    @Test
    void everySpecsOutputIsCheckedInAndUpToDate() throws IOException {
        List<String> stale = new ArrayList<>();
        TreeSet<Path> expected = new TreeSet<>();
        for (CompiledModel model : compileAll()) {
            Path file = GENERATED.resolve(model.relativePath());
            expected.add(file);
            byte[] now = model.source().getBytes(StandardCharsets.UTF_8);
            if (UPDATE) {
                GeneratedSources.write(GENERATED, model);
            } else if (!Files.exists(file)) {
                stale.add(file + " is missing");
            } else if (!java.util.Arrays.equals(now, Files.readAllBytes(file))) {
                stale.add(file + " differs from what the compiler generates now");
            }
        }
        Files.createDirectories(GENERATED);
        try (Stream<Path> s = Files.walk(GENERATED)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                if (!expected.contains(p)) {
                    if (UPDATE) {
                        Files.delete(p);
                    } else {
                        stale.add(p + " belongs to no spec");
                    }
                }
            }
        }
        if (!stale.isEmpty()) {
            fail(String.join("\n", stale) + "\nRegenerate with: mvn test -Dtest=GeneratedFolderTest "
                    + "-Dnncompile.updateGolden=true");
        }
    }

    @Test
    void generationIsDeterministic() throws IOException {
        List<CompiledModel> first = compileAll();
        List<CompiledModel> second = compileAll();
        assertEquals(first.size(), second.size());
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i).source(), second.get(i).source(), first.get(i).qualifiedName());
        }
    }
}
