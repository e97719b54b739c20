package dev.nncompile.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, point 6: the same spec and seed give a byte-identical source and bit-identical weights after training,
 * in this JVM, in a second run, and under JDK 25 (a subprocess running {@link DeterminismProbe} on the test class
 * path). The JDK 25 check is skipped, saying so, when no JDK 25 is installed; CI names it with
 * {@code -Dnncompile.jdk25=/path/to/jdk} or installs it at the default path.
 */
class DeterminismTest {
    static final Path DEFAULT_JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    /** Computed once: two runs here (compile, generate, javac, train), compared with each other and JDK 25. */
    private static List<String> here;

    private static synchronized List<String> here() throws Exception {
        if (here == null) {
            here = DeterminismProbe.fingerprints();
        }
        return here;
    }

    @Test
    void sameSpecAndSeedGiveTheSameBytesTwice() throws Exception {
        List<String> second = DeterminismProbe.fingerprints();
        assertEquals(2, second.size());
        assertEquals(here(), second);
    }

    @Test
    void jdk17AndJdk25AgreeBitForBit() throws Exception {
        Path jdk = Path.of(System.getProperty("nncompile.jdk25", DEFAULT_JDK25.toString()));
        Path java = jdk.resolve("bin").resolve("java");
        assumeTrue(Files.isExecutable(java), "no JDK 25 at " + jdk + " (set -Dnncompile.jdk25=<home>): skipped");
        List<String> here = here();
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                DeterminismProbe.class.getName()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the JDK 25 probe did not finish");
        assertEquals(0, p.exitValue(), output);
        assertEquals(String.join("\n", here), output.strip(), "JDK " + Runtime.version().feature()
                + " (first) and JDK 25 (second) differ");
    }
}
