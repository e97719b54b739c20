package dev.nncompile.cli;

import dev.nncompile.train.ConfusionMatrix;
import dev.nncompile.train.FitListener;
import dev.nncompile.train.TrainingOutcome;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * What {@code train} prints while it trains: on a terminal a progress bar redrawn in place during each epoch, then
 * one line per epoch (training loss, validation loss and accuracy, samples per second); at the end the test
 * results, the confusion matrix and why training stopped. Runs of more than {@value #ALL_EPOCHS} epochs (xor's
 * 5000) print every k-th epoch's line, about {@value #ALL_EPOCHS} in all, and always the last one.
 */
final class TrainingConsole implements FitListener {
    private static final int BAR = 30;
    /** Redraw the bar at most this often: a terminal is slower than a small model. */
    private static final long REDRAW_NANOS = 100_000_000L;
    /** Up to this many epochs, every epoch gets its line. */
    static final int ALL_EPOCHS = 100;

    private final PrintWriter out;
    private final boolean terminal;
    private final int trainRows;
    private long epochStart = System.nanoTime();
    private long lastDraw;
    private int epochs;
    private boolean barShown;
    /** The line of the last epoch when it was skipped, printed if it turns out to be the last. */
    private String pending;

    TrainingConsole(PrintWriter out, boolean terminal, int trainRows) {
        this.out = out;
        this.terminal = terminal;
        this.trainRows = trainRows;
    }

    @Override
    public void epochStarted(int epoch, int total, int batches) {
        epochStart = System.nanoTime();
        epochs = total;
    }

    @Override
    public void batchEnded(int epoch, int batch, int batches, double loss) {
        if (!terminal) {
            return;
        }
        long now = System.nanoTime();
        if (batch != batches && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        int filled = (int) ((long) BAR * batch / batches);
        out.print("\repoch " + pad(epoch, epochs) + "/" + epochs + " [" + "=".repeat(filled)
                + (filled < BAR ? ">" + " ".repeat(BAR - filled - 1) : "") + "] "
                + String.format(Locale.ROOT, "%3d%%  loss %.4g   ", 100L * batch / batches, loss));
        out.flush();
        barShown = true;
    }

    @Override
    public void epochEnded(int epoch, double trainLoss, double valLoss, double valAccuracy) {
        double seconds = (System.nanoTime() - epochStart) / 1e9;
        if (barShown) {
            // overwrite the bar with the epoch's line
            out.print("\r" + " ".repeat(BAR + 40) + "\r");
            barShown = false;
        }
        String line = "epoch " + pad(epoch, epochs) + "/" + epochs + "  train loss " + number(trainLoss)
                + "  val loss " + number(valLoss) + "  val acc " + percent(valAccuracy) + "  "
                + String.format(Locale.ROOT, "%,.0f samples/s", seconds > 0 ? trainRows / seconds : 0.0);
        int stride = epochs <= ALL_EPOCHS ? 1 : (epochs + ALL_EPOCHS - 1) / ALL_EPOCHS;
        if (epoch == 1 || epoch % stride == 0 || epoch == epochs) {
            out.println(line);
            pending = null;
        } else {
            pending = line;
        }
        out.flush();
    }

    /** Prints the last epoch's line if it was skipped (training stopped before the budget). */
    void finish() {
        if (pending != null) {
            out.println(pending);
            pending = null;
        }
        out.flush();
    }

    /** The closing summary. */
    static void printSummary(PrintWriter out, TrainingOutcome o, boolean testIsTrain, String testName) {
        String set = testIsTrain ? "test (the training set: nothing was held out)" : "test (" + testName + ")";
        out.print(set + ": loss " + number(o.testLoss()));
        ConfusionMatrix m = o.confusion();
        if (m != null) {
            long right = Math.round(m.accuracy() * m.total());
            out.print(", accuracy " + percent(o.testAccuracy()) + " (" + right + "/" + m.total() + ")");
        }
        out.println();
        if (m != null && m.classes() <= ConfusionMatrix.MAX_PRINTED_CLASSES) {
            out.println("confusion matrix (rows: true class, columns: predicted class):");
            out.print(m.toText());
        }
        out.println("stopped: " + o.fit().describe());
        out.println(String.format(Locale.ROOT, "throughput: %,.0f training samples/s", o.samplesPerSecond()));
        out.flush();
    }

    private static String pad(int epoch, int total) {
        String s = Integer.toString(epoch);
        return " ".repeat(Math.max(0, Integer.toString(total).length() - s.length())) + s;
    }

    static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "—" : v > 0 ? "inf" : "-inf";
        }
        double m = Math.abs(v);
        return String.format(Locale.ROOT, m == 0 || (m >= 1e-4 && m < 1e6) ? "%.6f" : "%.4e", v);
    }

    static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%6.2f %%", 100 * v) : "     —";
    }
}
