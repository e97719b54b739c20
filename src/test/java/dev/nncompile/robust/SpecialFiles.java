package dev.nncompile.robust;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Files that are not regular files, for the tests that every reader refuses them before opening them: a FIFO (whose
 * opening blocks until a writer comes) and {@code /dev/zero} (endless). Tests that need one are skipped where the
 * platform has none.
 *
 * <pre>{@code
 * Path pipe = SpecialFiles.fifo(dir, "spec.nn");
 * Path zero = SpecialFiles.devZero();
 * }</pre>
 */
public final class SpecialFiles {
    private SpecialFiles() {}

    /** A new FIFO {@code dir/name}, made by {@code mkfifo}; the test is skipped when that is unavailable. */
    public static Path fifo(Path dir, String name) throws IOException, InterruptedException {
        Path fifo = dir.resolve(name);
        int exit;
        try {
            Process p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
            assumeTrue(p.waitFor(10, TimeUnit.SECONDS), "mkfifo did not finish");
            exit = p.exitValue();
        } catch (IOException e) {
            exit = -1; // no mkfifo here (Windows)
        }
        assumeTrue(exit == 0 && Files.exists(fifo) && !Files.isRegularFile(fifo), "mkfifo is not available");
        return fifo;
    }

    /** {@code /dev/zero}; the test is skipped where there is none. */
    public static Path devZero() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero here");
        return zero;
    }
}
