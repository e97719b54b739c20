package dev.nncompile.train;

import java.util.List;

/**
 * Lays out and draws a {@link Chart} on a {@link Canvas}: title, framed plot area with grid lines at {@link Ticks},
 * labelled axes, one coloured line (with point markers when there are few points) per series, and a legend.
 */
final class ChartPainter {
    /** Colour-blind-safe palette (Okabe and Ito, "Color Universal Design", 2008). */
    static final int[] PALETTE = {0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7, 0xE69F00, 0x56B4E9};
    private static final int INK = 0x222222;
    private static final int GRID = 0xDDDDDD;
    private static final double FONT = 13;

    private ChartPainter() {}

    static void paint(Chart chart, Canvas canvas, double width, double height) {
        double left = 70;
        double right = 20;
        double top = 40;
        double bottom = 55;
        double plotW = width - left - right;
        double plotH = height - top - bottom;

        double xLo = Double.POSITIVE_INFINITY;
        double xHi = Double.NEGATIVE_INFINITY;
        double yLo = Double.POSITIVE_INFINITY;
        double yHi = Double.NEGATIVE_INFINITY;
        for (Chart.Series s : chart.series()) {
            double[] xs = s.x();
            double[] ys = s.y();
            for (int i = 0; i < xs.length; i++) {
                if (Double.isFinite(xs[i]) && Double.isFinite(ys[i])) {
                    xLo = Math.min(xLo, xs[i]);
                    xHi = Math.max(xHi, xs[i]);
                    yLo = Math.min(yLo, ys[i]);
                    yHi = Math.max(yHi, ys[i]);
                }
            }
        }
        if (xLo > xHi) {
            xLo = 0;
            xHi = 1;
            yLo = 0;
            yHi = 1;
        }
        Ticks xt = Ticks.integers(xLo, xHi, 8);
        Ticks yt = Ticks.of(yLo, yHi, 6);

        canvas.rect(0, 0, width, height, 0xFFFFFF);
        canvas.text(width / 2, 24, chart.title(), FONT + 3, Canvas.Anchor.MIDDLE, true, false);

        for (double v : yt.values()) {
            double y = top + plotH * (1 - (v - yt.min()) / (yt.max() - yt.min()));
            canvas.line(left, y, left + plotW, y, GRID, 1, false);
            canvas.line(left - 5, y, left, y, INK, 1, false);
            canvas.text(left - 8, y + 4, yt.label(v), FONT - 1, Canvas.Anchor.END, false, false);
        }
        List<Double> xValues = xt.values();
        int every = Math.max(1, (int) Math.ceil(xValues.size() / 12.0));
        for (int i = 0; i < xValues.size(); i += every) {
            double v = xValues.get(i);
            double x = left + plotW * (v - xt.min()) / (xt.max() - xt.min());
            canvas.line(x, top, x, top + plotH, GRID, 1, false);
            canvas.line(x, top + plotH, x, top + plotH + 5, INK, 1, false);
            canvas.text(x, top + plotH + 20, xt.label(v), FONT - 1, Canvas.Anchor.MIDDLE, false, false);
        }
        canvas.line(left, top, left, top + plotH, INK, 1.5, false);
        canvas.line(left, top + plotH, left + plotW, top + plotH, INK, 1.5, false);
        canvas.text(left + plotW / 2, height - 12, chart.xLabel(), FONT, Canvas.Anchor.MIDDLE, false, false);
        canvas.text(18, top + plotH / 2, chart.yLabel(), FONT, Canvas.Anchor.MIDDLE, false, true);

        int index = 0;
        for (Chart.Series s : chart.series()) {
            int colour = PALETTE[index % PALETTE.length];
            double[] xs = s.x();
            double[] ys = s.y();
            drawSeries(canvas, xs, ys, colour, left, top, plotW, plotH, xt, yt);
            double ly = top + 14 + 18 * index;
            double lx = left + plotW - 150;
            canvas.line(lx, ly - 4, lx + 24, ly - 4, colour, 2.5, false);
            canvas.text(lx + 30, ly, s.name(), FONT - 1, Canvas.Anchor.START, false, false);
            index++;
        }
    }

    /** Draws the finite runs of a series as separate polylines, so a NaN (a diverged epoch) leaves a visible gap. */
    private static void drawSeries(Canvas canvas, double[] xs, double[] ys, int colour, double left, double top,
            double plotW, double plotH, Ticks xt, Ticks yt) {
        int n = xs.length;
        double[] px = new double[n];
        double[] py = new double[n];
        int run = 0;
        for (int i = 0; i <= n; i++) {
            boolean finite = i < n && Double.isFinite(xs[i]) && Double.isFinite(ys[i]);
            if (finite) {
                px[run] = left + plotW * (xs[i] - xt.min()) / (xt.max() - xt.min());
                py[run] = top + plotH * (1 - (ys[i] - yt.min()) / (yt.max() - yt.min()));
                run++;
            } else if (run > 0) {
                if (run == 1) {
                    canvas.rect(px[0] - 2.5, py[0] - 2.5, 5, 5, colour);
                } else {
                    canvas.polyline(java.util.Arrays.copyOf(px, run), java.util.Arrays.copyOf(py, run), colour, 2);
                    if (run <= 30) {
                        for (int k = 0; k < run; k++) {
                            canvas.rect(px[k] - 2, py[k] - 2, 4, 4, colour);
                        }
                    }
                }
                run = 0;
            }
        }
    }
}
