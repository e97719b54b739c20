package dev.nncompile.data;

import java.util.Arrays;
import java.util.Random;

/**
 * Training data as the generated classes consume it: {@code rows} samples of {@code features} inputs and
 * {@code outputs} targets, both row-major, plus the class index of each row when the task is classification.
 *
 * <pre>{@code
 * Dataset xor = Dataset.xor();                          // 4 rows, 2 features, 1 output
 * Dataset.Split s = data.seededSplit(0.2, 42);          // 20 % holdout, the same for the same seed
 * Normalizer n = Normalizer.fit(Normalizer.Mode.STANDARDIZE, s.train());
 * Dataset train = n.apply(s.train()), holdout = n.apply(s.holdout());
 * }</pre>
 *
 * <p>The arrays are shared, not copied (an MNIST training set is hundreds of megabytes): whoever builds a
 * {@code Dataset} hands its arrays over, and nobody writes to them afterwards. Every operation here returns a new
 * set with new arrays.
 *
 * @param labels the class index of each row, or {@code null} for regression targets
 */
public record Dataset(int rows, int features, double[] x, int outputs, double[] y, int[] labels) {
    public Dataset {
        if (rows < 0 || features < 0 || outputs < 1) {
            throw new IllegalArgumentException("bad sizes " + rows + "×" + features + "→" + outputs);
        }
        if ((long) rows * features != x.length || (long) rows * outputs != y.length) {
            throw new IllegalArgumentException("x or y does not have rows × columns values");
        }
        if (labels != null && labels.length != rows) {
            throw new IllegalArgumentException("one label per row needed");
        }
    }

    /** A training/holdout pair. */
    public record Split(Dataset train, Dataset holdout) {
    }

    /**
     * A classification set. With {@code outputs} &gt; 1 each label becomes a one-hot target of that width; with one
     * output unit (a sigmoid) labels must be 0 or 1 and become the single target.
     *
     * @param file names the labels' source in messages
     * @param rowNumbers the 1-based row (line or item) of each sample in {@code file}, or {@code null} for 1..n
     * @throws DataException for a label outside the output layer's classes, naming file and row
     */
    public static Dataset ofClasses(String file, int[] rowNumbers, int features, double[] x, int[] labels,
            int outputs) throws DataException {
        int rows = labels.length;
        double[] y = new double[Math.multiplyExact(rows, outputs)];
        for (int r = 0; r < rows; r++) {
            int label = labels[r];
            int row = rowNumbers == null ? r + 1 : rowNumbers[r];
            if (outputs == 1) {
                if (label != 0 && label != 1) {
                    throw new DataException(file, row, "label " + label
                            + " is not 0 or 1, as the single unit of the output layer needs");
                }
                y[r] = label;
            } else {
                if (label < 0 || label >= outputs) {
                    throw new DataException(file, row, "label " + label + " outside the " + outputs
                            + " classes of the output layer");
                }
                y[r * outputs + label] = 1;
            }
        }
        return new Dataset(rows, features, x, outputs, y, labels.clone());
    }

    /** A regression set: {@code y} holds {@code outputs} targets per row; the arrays are taken over. */
    public static Dataset ofTargets(int rows, int features, double[] x, int outputs, double[] y) {
        return new Dataset(rows, features, x, outputs, y, null);
    }

    /** The four XOR cases: (0,0)→0, (0,1)→1, (1,0)→1, (1,1)→0, one output. */
    public static Dataset xor() {
        return new Dataset(4, 2, new double[] {0, 0, 0, 1, 1, 0, 1, 1}, 1, new double[] {0, 1, 1, 0},
                new int[] {0, 1, 1, 0});
    }

    /** Feature {@code f} of row {@code r}. */
    public double feature(int r, int f) {
        return x[r * features + f];
    }

    /** Target {@code o} of row {@code r}. */
    public double target(int r, int o) {
        return y[r * outputs + o];
    }

    /** Class of row {@code r}; only for classification sets. */
    public int label(int r) {
        return labels[r];
    }

    /** The same targets with new features (same row count; {@code newX} is taken over); used by {@link Normalizer}. */
    public Dataset withFeatures(int newFeatures, double[] newX) {
        return new Dataset(rows, newFeatures, newX, outputs, y, labels);
    }

    /** The rows {@code indices}, in that order. */
    public Dataset subset(int[] indices) {
        double[] sx = new double[Math.multiplyExact(indices.length, features)];
        double[] sy = new double[Math.multiplyExact(indices.length, outputs)];
        int[] sl = labels == null ? null : new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int r = indices[i];
            System.arraycopy(x, r * features, sx, i * features, features);
            System.arraycopy(y, r * outputs, sy, i * outputs, outputs);
            if (sl != null) {
                sl[i] = labels[r];
            }
        }
        return new Dataset(indices.length, features, sx, outputs, sy, sl);
    }

    /**
     * Splits off {@code round(fraction × rows)} rows as a holdout, chosen by a Fisher–Yates shuffle driven by
     * {@link Random} (its algorithm is fixed by its specification, so a seed means the same split on every JDK).
     * Both parts keep the original row order.
     */
    public Split seededSplit(double fraction, long seed) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("split fraction " + fraction + " is not in [0, 1]");
        }
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int holdout = (int) Math.round(fraction * rows);
        int[] held = Arrays.copyOfRange(order, 0, holdout);
        int[] kept = Arrays.copyOfRange(order, holdout, rows);
        Arrays.sort(held);
        Arrays.sort(kept);
        return new Split(subset(kept), subset(held));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d && d.rows == rows && d.features == features && d.outputs == outputs
                && Arrays.equals(d.x, x) && Arrays.equals(d.y, y) && Arrays.equals(d.labels, labels);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(x) * 31 + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return "Dataset[" + rows + " rows, " + features + " features → " + outputs + " outputs"
                + (labels == null ? "" : ", labelled") + "]";
    }
}
