package dev.nncompile.train;

import java.util.List;

/**
 * A line chart of one or more series over epochs, as the training report draws it: the data only; how it looks is
 * {@link ChartPainter}'s business, and where it goes (SVG or PNG) the {@link Canvas}'s.
 *
 * <pre>{@code
 * Chart loss = new Chart("Loss", "epoch", "loss", List.of(
 *         new Chart.Series("train", new double[] {1, 2, 3}, new double[] {0.9, 0.5, 0.3}),
 *         new Chart.Series("validation", new double[] {1, 2, 3}, new double[] {1.0, 0.6, 0.4})));
 * String svg = SvgCanvas.render(loss, 640, 400);
 * }</pre>
 */
public record Chart(String title, String xLabel, String yLabel, List<Series> series) {
    public Chart {
        series = List.copyOf(series);
    }

    /** One line: points (x[i], y[i]); a non-finite y leaves a gap. */
    public record Series(String name, double[] x, double[] y) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("x and y differ in length");
            }
            x = x.clone();
            y = y.clone();
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] y() {
            return y.clone();
        }

        boolean hasFinitePoint() {
            for (int i = 0; i < y.length; i++) {
                if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                    return true;
                }
            }
            return false;
        }
    }
}
