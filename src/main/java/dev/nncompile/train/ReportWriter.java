package dev.nncompile.train;

import dev.nncompile.source.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the {@code --report DIR} of a training run: loss and accuracy curves (SVG and PNG), the derivation (the
 * {@code explain} HTML), the confusion matrix, the weights (safetensors), the metrics as JSON, and an
 * {@code index.html} tying them together with relative links — no script, no network, so it opens anywhere.
 * The pages are polyglot (HTML5 that is also well-formed XML), so a test can parse them.
 * Every file is written atomically.
 *
 * <pre>{@code
 * List<String> files = ReportWriter.write(Path.of("report"), new ReportWriter.Report("Iris", summary, outcome,
 *         explainHtml, weights, false));
 * }</pre>
 */
public final class ReportWriter {
    static final int CHART_WIDTH = 720;
    static final int CHART_HEIGHT = 420;

    private ReportWriter() {}

    /**
     * What goes into a report.
     *
     * @param summary        lines describing the run (model, data, optimizer), shown at the top
     * @param derivationHtml the {@code explain --format html} document
     * @param weights        safetensors bytes
     */
    public record Report(String model, List<String> summary, TrainingOutcome outcome, String derivationHtml,
                         byte[] weights, boolean floatPrecision) {
        public Report {
            summary = List.copyOf(summary);
        }
    }

    /** Writes the report into {@code dir} (created if needed); returns the file names written, index first. */
    public static List<String> write(Path dir, Report report) throws IOException {
        List<String> files = new ArrayList<>();
        TrainingOutcome outcome = report.outcome();
        Chart loss = lossChart(outcome);
        put(dir, "loss.svg", SvgCanvas.render(loss, CHART_WIDTH, CHART_HEIGHT).getBytes(StandardCharsets.UTF_8),
                files);
        put(dir, "loss.png", RasterCanvas.render(loss, CHART_WIDTH, CHART_HEIGHT), files);
        Chart accuracy = accuracyChart(outcome);
        boolean hasAccuracy = accuracy.series().stream().anyMatch(Chart.Series::hasFinitePoint);
        if (hasAccuracy) {
            put(dir, "accuracy.svg", SvgCanvas.render(accuracy, CHART_WIDTH, CHART_HEIGHT)
                    .getBytes(StandardCharsets.UTF_8), files);
            put(dir, "accuracy.png", RasterCanvas.render(accuracy, CHART_WIDTH, CHART_HEIGHT), files);
        }
        put(dir, "derivation.html", report.derivationHtml().getBytes(StandardCharsets.UTF_8), files);
        if (outcome.confusion() != null) {
            put(dir, "confusion.html", page("Confusion matrix — " + report.model(),
                    "<h1>Confusion matrix</h1>\n<p>Test set, " + outcome.confusion().total() + " samples, accuracy "
                            + percent(outcome.confusion().accuracy()) + ".</p>\n" + outcome.confusion().toHtml())
                    .getBytes(StandardCharsets.UTF_8), files);
        }
        put(dir, "weights.safetensors", report.weights(), files);
        put(dir, "metrics.json", outcome.toJson(report.floatPrecision()).getBytes(StandardCharsets.UTF_8), files);
        put(dir, "index.html", index(report, hasAccuracy).getBytes(StandardCharsets.UTF_8), files);
        files.add(0, files.remove(files.size() - 1));
        return files;
    }

    static Chart lossChart(TrainingOutcome outcome) {
        List<EpochRecord> epochs = outcome.epochs();
        double[] x = new double[epochs.size()];
        double[] train = new double[epochs.size()];
        double[] val = new double[epochs.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = epochs.get(i).epoch();
            train[i] = epochs.get(i).trainLoss();
            val[i] = epochs.get(i).valLoss();
        }
        List<Chart.Series> series = new ArrayList<>();
        series.add(new Chart.Series("training loss", x, train));
        Chart.Series validation = new Chart.Series("validation loss", x, val);
        if (validation.hasFinitePoint()) {
            series.add(validation);
        }
        return new Chart("Loss per epoch", "epoch", "loss", series);
    }

    static Chart accuracyChart(TrainingOutcome outcome) {
        List<EpochRecord> epochs = outcome.epochs();
        double[] x = new double[epochs.size()];
        double[] val = new double[epochs.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = epochs.get(i).epoch();
            val[i] = epochs.get(i).valAccuracy();
        }
        return new Chart("Validation accuracy per epoch", "epoch", "accuracy",
                List.of(new Chart.Series("validation accuracy", x, val)));
    }

    private static String index(Report report, boolean hasAccuracy) {
        TrainingOutcome o = report.outcome();
        StringBuilder body = new StringBuilder();
        body.append("<h1>Training report — ").append(Html.escape(report.model())).append("</h1>\n<ul>\n");
        for (String line : report.summary()) {
            body.append("<li>").append(Html.escape(line)).append("</li>\n");
        }
        body.append("<li>stopped: ").append(Html.escape(o.fit().describe())).append("</li>\n");
        body.append("<li>test loss ").append(number(o.testLoss())).append(", test accuracy ")
                .append(percent(o.testAccuracy())).append("</li>\n");
        body.append("<li>").append(String.format(Locale.ROOT, "%.0f", o.samplesPerSecond()))
                .append(" training samples per second</li>\n</ul>\n");
        body.append("<h2>Loss</h2>\n<figure><img src=\"loss.svg\" width=\"").append(CHART_WIDTH)
                .append("\" height=\"").append(CHART_HEIGHT)
                .append("\" alt=\"training and validation loss per epoch\"/>"
                        + "<figcaption><a href=\"loss.svg\">SVG</a> · <a href=\"loss.png\">PNG</a></figcaption>"
                        + "</figure>\n");
        if (hasAccuracy) {
            body.append("<h2>Accuracy</h2>\n<figure><img src=\"accuracy.svg\" width=\"").append(CHART_WIDTH)
                    .append("\" height=\"").append(CHART_HEIGHT).append("\" alt=\"validation accuracy per epoch\"/>"
                            + "<figcaption><a href=\"accuracy.svg\">SVG</a> · <a href=\"accuracy.png\">PNG</a>"
                            + "</figcaption></figure>\n");
        }
        if (o.confusion() != null) {
            body.append("<h2>Confusion matrix (test set)</h2>\n")
                    .append(o.confusion().classes() <= ConfusionMatrix.MAX_PRINTED_CLASSES
                            ? o.confusion().toHtml() : "<p><a href=\"confusion.html\">confusion matrix</a></p>\n");
        }
        body.append("<h2>Derivation</h2>\n<p>The formulas the generated class computes "
                + "(<a href=\"derivation.html\">open on its own</a>):</p>\n"
                + "<iframe src=\"derivation.html\" title=\"derivation\"></iframe>\n");
        body.append("<h2>Epochs</h2>\n<table class=\"epochs\">\n<tr><th>epoch</th><th>training loss</th>"
                + "<th>validation loss</th><th>validation accuracy</th><th>seconds</th></tr>\n");
        for (EpochRecord e : o.epochs()) {
            body.append("<tr><td>").append(e.epoch()).append("</td><td>").append(number(e.trainLoss()))
                    .append("</td><td>").append(number(e.valLoss())).append("</td><td>")
                    .append(percent(e.valAccuracy())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.3f", e.seconds())).append("</td></tr>\n");
        }
        body.append("</table>\n");
        body.append("<h2>Files</h2>\n<ul>\n<li><a href=\"weights.safetensors\">weights.safetensors</a> "
                + "(PyTorch names: layers.0.weight, layers.0.bias, …)</li>\n"
                + "<li><a href=\"metrics.json\">metrics.json</a></li>\n");
        if (o.confusion() != null) {
            body.append("<li><a href=\"confusion.html\">confusion.html</a></li>\n");
        }
        body.append("</ul>\n");
        return page("Training report — " + report.model(), body.toString());
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>" + Html.escape(title)
                + "</title>\n<style>\n"
                + "body { font-family: DejaVu Sans, Arial, sans-serif; max-width: 60em; margin: 2em auto; "
                + "color: #222; }\n"
                + "table { border-collapse: collapse; margin: 1em 0; }\n"
                + "th, td { border: 1px solid #bbb; padding: 0.2em 0.6em; text-align: right; }\n"
                + "td.hit { font-weight: bold; }\n"
                + "caption { caption-side: bottom; font-size: 0.9em; color: #555; white-space: nowrap; "
                + "text-align: left; }\n"
                + "iframe { width: 100%; height: 40em; border: 1px solid #bbb; }\n"
                + "figure { margin: 1em 0; }\n"
                + "</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
    }

    static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "—";
    }

    static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f %%", 100 * v) : "—";
    }

    private static void put(Path dir, String name, byte[] bytes, List<String> files) throws IOException {
        AtomicFiles.write(dir.resolve(name), bytes);
        files.add(name);
    }
}
