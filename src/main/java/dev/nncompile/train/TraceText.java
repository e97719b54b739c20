package dev.nncompile.train;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link BatchTrace} as a worked example on paper: layer headings, then aligned matrices (one row per
 * sample for z, a and δ; W as [units × inputs]) with the formula each one comes from.
 *
 * <pre>{@code
 * String text = TraceText.render(trace, List.of("relu", "identity"));
 * }</pre>
 */
public final class TraceText {
    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    /** Significant digits shown for double results: enough for every printed digit of the tutorials. */
    private static final int DOUBLE_DIGITS = 12;

    private final StringBuilder out = new StringBuilder();
    private final boolean floatPrecision;

    private TraceText(boolean floatPrecision) {
        this.floatPrecision = floatPrecision;
    }

    /** The whole trace; {@code activations} names layer l's activation at index l − 1 (e.g. "relu"). */
    public static String render(BatchTrace trace, List<String> activations) {
        TraceText t = new TraceText(trace.floatPrecision());
        t.write(trace, activations);
        return t.out.toString();
    }

    private void write(BatchTrace trace, List<String> activations) {
        int n = trace.x().length;
        out.append("trace of ").append(trace.model()).append(": ").append(n).append(n == 1 ? " sample" : " samples")
                .append(", ").append(trace.floatPrecision() ? "float" : "double").append(" precision\n");
        if (trace.floatPrecision()) {
            out.append("(the model computes in float: numbers are the floats it holds, shortest form; "
                    + "--precision double or `precision double` in the spec gives more exact decimals)\n");
        }
        out.append('\n');
        matrix("input x = a" + sup(0), "a row per sample", trace.x());
        matrix("target y", "a row per sample", trace.y());

        out.append("\n== forward ==\n");
        for (int l = 1; l <= trace.layers().size(); l++) {
            BatchTrace.LayerTrace layer = trace.layers().get(l - 1);
            BatchTrace.Parameters p = trace.initial().get(l - 1);
            String f = l - 1 < activations.size() ? activations.get(l - 1) : "f";
            out.append("\n-- layer ").append(l).append(": dense ").append(p.b().length).append(' ').append(f)
                    .append(" --\n");
            matrix("W" + sup(l), "[units × inputs]", p.w());
            vector("b" + sup(l), p.b());
            matrix("z" + sup(l) + " = a" + sup(l - 1) + " W" + sup(l) + "ᵀ + b" + sup(l), "a row per sample",
                    layer.z());
            matrix("a" + sup(l) + " = " + f + "(z" + sup(l) + ")", "a row per sample", layer.a());
        }
        out.append("\nloss L = ").append(number(trace.loss())).append("   (data term + regularisation)\n");

        out.append("\n== backward ==\n");
        for (int l = trace.layers().size(); l >= 1; l--) {
            BatchTrace.LayerTrace layer = trace.layers().get(l - 1);
            out.append("\n-- layer ").append(l).append(" --\n");
            matrix("δ" + sup(l) + " = ∂L/∂z" + sup(l), "a row per sample", layer.dLdz());
            matrix("∂L/∂W" + sup(l) + " = δ" + sup(l) + "ᵀ a" + sup(l - 1), "[units × inputs]", layer.dLdW());
            vector("∂L/∂b" + sup(l) + " = Σ δ" + sup(l), layer.dLdb());
        }

        for (BatchTrace.StepTrace s : trace.steps()) {
            out.append("\n== step ").append(s.step()).append(": loss ").append(number(s.lossBefore()))
                    .append(" → ").append(number(s.lossAfter())).append(" ==\n");
            for (int l = 1; l <= s.params().size(); l++) {
                BatchTrace.Parameters p = s.params().get(l - 1);
                matrix("W" + sup(l), "[units × inputs]", p.w());
                vector("b" + sup(l), p.b());
            }
        }
    }

    private void vector(String title, double[] v) {
        matrix(title, "", new double[][] {v});
    }

    /** A titled matrix, columns right-aligned to a common width, indented under the title. */
    private void matrix(String title, String note, double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        out.append("  ").append(title);
        out.append(note.isEmpty() ? "" : "   (" + rows.length + " × " + cols + ", " + note + ")").append('\n');
        String[][] cells = new String[rows.length][];
        int width = 1;
        for (int r = 0; r < rows.length; r++) {
            cells[r] = new String[rows[r].length];
            for (int c = 0; c < rows[r].length; c++) {
                cells[r][c] = number(rows[r][c]);
                width = Math.max(width, cells[r][c].length());
            }
        }
        for (String[] row : cells) {
            out.append("      ");
            for (int c = 0; c < row.length; c++) {
                out.append(c == 0 ? "" : "  ").append(" ".repeat(width - row[c].length())).append(row[c]);
            }
            out.append('\n');
        }
    }

    /** A number as the worked examples print it: no trailing zeros, no exponent for everyday magnitudes. */
    String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal d = floatPrecision && (float) v == v ? new BigDecimal(Float.toString((float) v))
                : new BigDecimal(v).round(new MathContext(DOUBLE_DIGITS));
        d = d.stripTrailingZeros();
        double magnitude = Math.abs(v);
        if (magnitude >= 1e-6 && magnitude < 1e12) {
            return d.toPlainString();
        }
        return d.toString().replace("E", "e").toLowerCase(Locale.ROOT);
    }

    private static String sup(int n) {
        StringBuilder s = new StringBuilder();
        for (char c : Integer.toString(n).toCharArray()) {
            s.append(SUPERSCRIPTS.charAt(c - '0'));
        }
        return s.toString();
    }
}
