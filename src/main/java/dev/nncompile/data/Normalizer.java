package dev.nncompile.data;

import java.util.Locale;

/**
 * Input scaling fitted on the training set and applied unchanged to every other set, so that no holdout or test
 * statistic leaks into training.
 *
 * <pre>{@code
 * Normalizer n = Normalizer.fit(Normalizer.Mode.parse("standardize"), train);
 * Dataset t = n.apply(train), v = n.apply(validation);
 * }</pre>
 */
public final class Normalizer {
    /** How features are scaled. */
    public enum Mode {
        /** Unchanged. */
        NONE,
        /** Divided by 255, for raw 8-bit pixels (IDX images). */
        SCALE255,
        /** (x − mean) / std with the training set's mean and population std; a constant feature is only centred. */
        STANDARDIZE;

        /** The mode spelled as on the command line ({@code none}, {@code scale255}, {@code standardize}), or null. */
        public static Mode parse(String spelling) {
            for (Mode m : values()) {
                if (m.name().toLowerCase(Locale.ROOT).equals(spelling)) {
                    return m;
                }
            }
            return null;
        }
    }

    private final Mode mode;
    private final double[] mean;
    private final double[] scale;

    private Normalizer(Mode mode, double[] mean, double[] scale) {
        this.mode = mode;
        this.mean = mean;
        this.scale = scale;
    }

    /** Fits {@code mode} on {@code train}'s features. */
    public static Normalizer fit(Mode mode, Dataset train) {
        int f = train.features();
        double[] mean = new double[f];
        double[] scale = new double[f];
        java.util.Arrays.fill(scale, mode == Mode.SCALE255 ? 255 : 1);
        if (mode == Mode.STANDARDIZE && train.rows() > 0) {
            int n = train.rows();
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < f; j++) {
                    mean[j] += train.feature(r, j);
                }
            }
            for (int j = 0; j < f; j++) {
                mean[j] /= n;
            }
            // Two passes: the textbook E[x²] − E[x]² loses every digit when the mean is large.
            double[] variance = new double[f];
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < f; j++) {
                    double d = train.feature(r, j) - mean[j];
                    variance[j] += d * d;
                }
            }
            for (int j = 0; j < f; j++) {
                double std = Math.sqrt(variance[j] / n);
                scale[j] = std > 0 ? std : 1;
            }
        }
        return new Normalizer(mode, mean, scale);
    }

    public Mode mode() {
        return mode;
    }

    /** Per-feature offset subtracted (zero unless standardizing). */
    public double[] mean() {
        return mean.clone();
    }

    /** Per-feature divisor (1 for a constant feature when standardizing). */
    public double[] scale() {
        return scale.clone();
    }

    /** {@code data} with its features scaled; targets and labels unchanged. */
    public Dataset apply(Dataset data) {
        if (data.features() != mean.length) {
            throw new IllegalArgumentException("fitted on " + mean.length + " features, given " + data.features());
        }
        if (mode == Mode.NONE) {
            return data;
        }
        double[] x = data.x().clone();
        applyInPlace(x);
        return data.withFeatures(data.features(), x);
    }

    /** Scales row-major features in place (for prediction inputs). */
    public void applyInPlace(double[] x) {
        int f = mean.length;
        if (f == 0 || mode == Mode.NONE) {
            return;
        }
        for (int i = 0; i < x.length; i++) {
            int j = i % f;
            x[i] = (x[i] - mean[j]) / scale[j];
        }
    }
}
