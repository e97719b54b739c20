package dev.nncompile.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden explanation files under {@code src/test/resources/dev/nncompile/explain/}, rewritten when the system
 * property {@code nncompile.updateGolden=true} is set.
 */
final class GoldenFiles {
    static final Path DIRECTORY = Path.of("src", "test", "resources", "dev", "nncompile", "explain");
    private static final String HOW = "run  mvn -o -q test -Dtest='dev.nncompile.explain.*Test' "
            + "-Dnncompile.updateGolden=true  and review the diff";

    private GoldenFiles() {}

    static void assertMatches(String fileName, String actual) {
        Path file = DIRECTORY.resolve(fileName);
        try {
            if (Boolean.getBoolean("nncompile.updateGolden")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                fail("golden file " + file + " is missing; to create it, " + HOW);
            }
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual,
                    "explanation differs from golden file " + file + "; if the change is intended, " + HOW);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String extension(Format format) {
        return switch (format) {
            case TEXT -> "txt";
            case LATEX -> "tex";
            case MARKDOWN -> "md";
            case HTML -> "html";
        };
    }
}
