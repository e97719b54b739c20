package dev.nncompile.train;

import java.util.Locale;

/**
 * Counts of (true class, predicted class) over a labelled set: row = the label, column = the prediction, so the
 * diagonal holds the correct answers.
 *
 * <pre>{@code
 * ConfusionMatrix m = ConfusionMatrix.of(3, new int[] {0, 1, 2, 2}, new int[] {0, 2, 2, 2});
 * m.count(1, 2);     // 1: one sample of class 1 taken for class 2
 * m.accuracy();      // 0.75
 * }</pre>
 */
public final class ConfusionMatrix {
    /** Larger matrices are not printed: a 100 × 100 table helps nobody on a terminal. */
    public static final int MAX_PRINTED_CLASSES = 20;

    private final int classes;
    private final long[] counts;

    private ConfusionMatrix(int classes, long[] counts) {
        this.classes = classes;
        this.counts = counts;
    }

    /** Tallies {@code labels[i]} against {@code predictions[i]}; both must be in 0..classes−1. */
    public static ConfusionMatrix of(int classes, int[] labels, int[] predictions) {
        if (labels.length != predictions.length) {
            throw new IllegalArgumentException("one prediction per label needed");
        }
        long[] counts = new long[classes * classes];
        for (int i = 0; i < labels.length; i++) {
            counts[labels[i] * classes + predictions[i]]++;
        }
        return new ConfusionMatrix(classes, counts);
    }

    public int classes() {
        return classes;
    }

    public long count(int label, int predicted) {
        return counts[label * classes + predicted];
    }

    public long total() {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    /** Fraction on the diagonal; NaN for an empty set. */
    public double accuracy() {
        long right = 0;
        for (int k = 0; k < classes; k++) {
            right += count(k, k);
        }
        long t = total();
        return t == 0 ? Double.NaN : (double) right / t;
    }

    /** An aligned table for a terminal, rows = true class, columns = predicted class. */
    public String toText() {
        int width = Math.max(3, Long.toString(maxCount()).length());
        int labelWidth = Math.max(4, Integer.toString(classes - 1).length());
        StringBuilder out = new StringBuilder();
        out.append(" ".repeat(labelWidth + 1)).append("predicted →\n");
        out.append(pad("true", labelWidth)).append(' ');
        for (int p = 0; p < classes; p++) {
            out.append(' ').append(pad(Integer.toString(p), width));
        }
        out.append('\n');
        for (int t = 0; t < classes; t++) {
            out.append(pad(Integer.toString(t), labelWidth)).append(' ');
            for (int p = 0; p < classes; p++) {
                out.append(' ').append(pad(Long.toString(count(t, p)), width));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** An HTML table (a fragment); correct cells are marked with class {@code hit}, shading by share of the row. */
    public String toHtml() {
        StringBuilder out = new StringBuilder();
        out.append("<table class=\"confusion\">\n<caption>rows: true class, columns: predicted class</caption>\n");
        out.append("<tr><th></th>");
        for (int p = 0; p < classes; p++) {
            out.append("<th scope=\"col\">").append(p).append("</th>");
        }
        out.append("</tr>\n");
        for (int t = 0; t < classes; t++) {
            long rowTotal = 0;
            for (int p = 0; p < classes; p++) {
                rowTotal += count(t, p);
            }
            out.append("<tr><th scope=\"row\">").append(t).append("</th>");
            for (int p = 0; p < classes; p++) {
                long c = count(t, p);
                double share = rowTotal == 0 ? 0 : (double) c / rowTotal;
                out.append("<td").append(t == p ? " class=\"hit\"" : "")
                        .append(String.format(Locale.ROOT, " style=\"background: rgba(0, 114, 178, %.2f)\"",
                                share * 0.8))
                        .append('>').append(c).append("</td>");
            }
            out.append("</tr>\n");
        }
        return out.append("</table>\n").toString();
    }

    private long maxCount() {
        long m = 0;
        for (long c : counts) {
            m = Math.max(m, c);
        }
        return m;
    }

    private static String pad(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }
}
