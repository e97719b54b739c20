package dev.nncompile.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.nncompile.source.DiagnosticRenderer;
import dev.nncompile.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bundled spec checks without a single diagnostic and yields one network per model. */
class SpecsTest {
    static Stream<Path> specs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("specs"))) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".nn")).sorted().toList();
            assertFalse(list.isEmpty(), "no specs found in specs/");
            return list.stream();
        }
    }

    static SourceFile read(Path p) throws IOException {
        return new SourceFile("specs/" + p.getFileName(), Files.readString(p, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("specs")
    void checksCleanly(Path spec) throws IOException {
        CheckResult result = Frontend.check(read(spec));
        assertEquals("", DiagnosticRenderer.renderAll(result.diagnostics()));
        assertEquals(1, result.networks().size());
    }

    @ParameterizedTest
    @MethodSource("specs")
    void linesFitTheStyleGuide(Path spec) throws IOException {
        List<String> lines = Files.readAllLines(spec, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            assertFalse(lines.get(i).length() > 120, spec + ":" + (i + 1) + " is longer than 120 chars");
            assertFalse(lines.get(i).contains("\t"), spec + ":" + (i + 1) + " has a tab");
        }
    }
}
