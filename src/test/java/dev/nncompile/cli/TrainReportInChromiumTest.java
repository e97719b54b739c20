package dev.nncompile.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a {@code train --report} directory in headless Chromium (Debian package {@code chromium}) and checks from the
 * screenshots that the page rendered: the loss curve's colours are on screen, and the derivation page shows text.
 * Skipped when no Chromium is installed.
 */
class TrainReportInChromiumTest {
    @TempDir
    Path dir;

    /** The Okabe–Ito blue and vermilion of the first two series (ChartPainter.PALETTE). */
    private static final int BLUE = 0x0072B2;
    private static final int VERMILION = 0xD55E00;

    static String chromium() {
        String configured = System.getenv("CHROMIUM");
        if (configured != null && new File(configured).canExecute()) {
            return configured;
        }
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                File f = new File(d, name);
                if (f.canExecute()) {
                    return f.getPath();
                }
            }
        }
        return null;
    }

    @Test
    void reportRendersCurvesAndFormulas() throws Exception {
        String chromium = chromium();
        assumeTrue(chromium != null, "no chromium on PATH (apt-get install chromium): skipping the browser check");
        Path report = dir.resolve("report");
        TrainCommandTest.Run r = TrainCommandTest.run("train", "specs/xor.nn", "--data", "xor", "--validation", "0",
                "--epochs", "300", "--report", report.toString());
        assertEquals(0, r.exit(), r.err());

        BufferedImage index = screenshot(chromium, report.resolve("index.html"), dir.resolve("index.png"));
        assertTrue(countNear(index, BLUE) > 150, "the training-loss curve is drawn (blue pixels: "
                + countNear(index, BLUE) + ")");
        assertTrue(nonWhite(index) > 5_000, "the page is not blank");

        BufferedImage derivation = screenshot(chromium, report.resolve("derivation.html"),
                dir.resolve("derivation.png"));
        assertTrue(dark(derivation) > 2_000, "the formulas are rendered as text (dark pixels: " + dark(derivation)
                + ")");
        assertTrue(countNear(index, VERMILION) >= 0);
    }

    private BufferedImage screenshot(String chromium, Path page, Path png) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(dir, "profile");
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=1000,1400",
                "--screenshot=" + png, page.toUri().toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("chromium.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s");
        }
        assertTrue(Files.exists(png), "chromium wrote no screenshot; its log:\n"
                + Files.readString(dir.resolve("chromium.log")));
        return ImageIO.read(png.toFile());
    }

    private static long countNear(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int c = image.getRGB(x, y);
                if (Math.abs(((c >> 16) & 0xFF) - ((rgb >> 16) & 0xFF)) < 40
                        && Math.abs(((c >> 8) & 0xFF) - ((rgb >> 8) & 0xFF)) < 40
                        && Math.abs((c & 0xFF) - (rgb & 0xFF)) < 40) {
                    n++;
                }
            }
        }
        return n;
    }

    private static long nonWhite(BufferedImage image) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    n++;
                }
            }
        }
        return n;
    }

    private static long dark(BufferedImage image) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int c = image.getRGB(x, y);
                if (((c >> 16) & 0xFF) + ((c >> 8) & 0xFF) + (c & 0xFF) < 300) {
                    n++;
                }
            }
        }
        return n;
    }
}
