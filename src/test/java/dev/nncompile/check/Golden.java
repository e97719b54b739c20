package dev.nncompile.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Baseline files with the update switch {@code -Dnncompile.updateGolden=true}. */
final class Golden {
    static final String SWITCH = "nncompile.updateGolden";

    private Golden() {}

    static void assertMatches(Path expectedFile, String actual) {
        try {
            if (Boolean.getBoolean(SWITCH)) {
                Files.createDirectories(expectedFile.getParent());
                Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(expectedFile)) {
                fail("missing baseline " + expectedFile + "; create it by running the tests with -D" + SWITCH
                        + "=true, then review it. The actual output was:\n" + actual);
            }
            String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
            assertEquals(expected, actual, "output differs from " + expectedFile + "; if the change is intended,"
                    + " rerun with -D" + SWITCH + "=true and review the diff");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
