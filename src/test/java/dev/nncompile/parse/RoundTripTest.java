package dev.nncompile.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nncompile.ast.AstEquality;
import dev.nncompile.ast.AstPrinter;
import dev.nncompile.ast.SpecFile;
import dev.nncompile.source.DiagnosticRenderer;
import dev.nncompile.source.Diagnostics;
import dev.nncompile.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** parse(print(ast)) equals ast, spans aside: for every bundled spec and for 2,000 generated ones. */
class RoundTripTest {
    static Stream<Path> specs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("specs"))) {
            return files.filter(p -> p.toString().endsWith(".nn")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void bundledSpecsRoundTrip(Path spec) throws IOException {
        roundTrip(spec.toString(), Files.readString(spec, StandardCharsets.UTF_8));
    }

    @Test
    void generatedSpecsRoundTrip() {
        int nonTrivial = 0;
        for (long seed = 0; seed < 2000; seed++) {
            String text = SpecGenerator.generate(seed);
            SpecFile ast = roundTrip("generated-" + seed, text);
            nonTrivial += ast.items().isEmpty() ? 0 : 1;
        }
        assertTrue(nonTrivial > 1900, "the generator should make real specs, made " + nonTrivial);
    }

    @Test
    void printingIsIdempotentAndCanonical() {
        String text = "model  X{input 2 dense 3 relu init he dense 1 sigmoid\n"
                + "init normal(0,1) seed 3 train{batch=1,stop when val_loss stalls for 3}}";
        SpecFile ast = parse("x.nn", text);
        assertEquals("""
                model X {
                    input 2
                    dense 3 relu init he
                    dense 1 sigmoid
                    init normal(0, 1) seed 3
                    train {
                        batch = 1
                        stop when val_loss stalls for 3
                    }
                }
                """, AstPrinter.print(ast));
    }

    private static SpecFile roundTrip(String name, String text) {
        SpecFile first = parse(name, text);
        String printed = AstPrinter.print(first);
        SpecFile second = parse(name + " (printed)", printed);
        assertNull(AstEquality.difference(first, second), () -> name + " differs after printing:\n" + text
                + "\n--- printed ---\n" + printed);
        assertEquals(printed, AstPrinter.print(second), name + ": printing is not idempotent");
        return first;
    }

    private static SpecFile parse(String name, String text) {
        SourceFile file = new SourceFile(name, text);
        Diagnostics diagnostics = new Diagnostics(file);
        SpecFile ast = SpecParser.parse(file, diagnostics);
        assertEquals(List.of(), diagnostics.sorted(), () -> name + " should parse:\n" + text + "\n"
                + DiagnosticRenderer.renderAll(diagnostics.sorted()));
        return ast;
    }
}
