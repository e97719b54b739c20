package dev.nncompile.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Axis ticks at "nice" numbers (1, 2 or 5 × 10ᵏ), after Heckbert, "Nice numbers for graph labels", Graphics Gems
 * (1990): the range is widened to whole ticks so the data never touches the frame.
 *
 * <pre>{@code
 * Ticks t = Ticks.of(0.13, 2.71, 5);   // 0, 0.5, 1, ..., 3
 * t.label(0.5);                         // "0.5"
 * }</pre>
 */
record Ticks(double min, double max, double step, List<Double> values) {
    static Ticks of(double lo, double hi, int wanted) {
        if (!(lo <= hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            lo = 0;
            hi = 1;
        }
        if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
            // a flat series: give it a band around its value
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double step = nice((hi - lo) / Math.max(1, wanted - 1), true);
        double min = Math.floor(lo / step) * step;
        double max = Math.ceil(hi / step) * step;
        List<Double> values = new ArrayList<>();
        long count = Math.round((max - min) / step);
        for (long i = 0; i <= count; i++) {
            double v = min + i * step;
            // snap values like 0.30000000000000004 to the tick they mean
            values.add(Math.abs(v) < step * 1e-9 ? 0.0 : Double.parseDouble(String.format(java.util.Locale.ROOT,
                    "%.12g", v)));
        }
        return new Ticks(min, max, step, List.copyOf(values));
    }

    /** Integer ticks for a count axis (epochs): never a fractional epoch. */
    static Ticks integers(double lo, double hi, int wanted) {
        Ticks t = of(lo, hi, wanted);
        if (t.step >= 1) {
            return t;
        }
        List<Double> values = new ArrayList<>();
        double min = Math.floor(lo);
        double max = Math.max(min + 1, Math.ceil(hi));
        for (double v = min; v <= max; v++) {
            values.add(v);
        }
        return new Ticks(min, max, 1, List.copyOf(values));
    }

    private static double nice(double x, boolean round) {
        double exponent = Math.floor(Math.log10(x));
        double fraction = x / Math.pow(10, exponent);
        double nice;
        if (round) {
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        }
        return nice * Math.pow(10, exponent);
    }

    /** The tick's label with no more digits than the step needs. */
    String label(double v) {
        if (Math.abs(step) >= 1e-4 && Math.abs(step) < 1e6 && Math.max(Math.abs(min), Math.abs(max)) < 1e7) {
            int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
            return String.format(java.util.Locale.ROOT, "%." + decimals + "f", v);
        }
        return String.format(java.util.Locale.ROOT, "%.2g", v);
    }
}
