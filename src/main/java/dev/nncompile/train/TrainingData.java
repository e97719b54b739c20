package dev.nncompile.train;

import dev.nncompile.data.CsvTable;
import dev.nncompile.data.DataException;
import dev.nncompile.data.Dataset;
import dev.nncompile.data.IdxFile;
import dev.nncompile.data.Normalizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The training, validation and test sets of one run, loaded, checked against the model's shape, split and scaled
 * (the scaling fitted on the training rows only, so nothing of the held-out rows leaks into training).
 *
 * <pre>{@code
 * TrainingData d = TrainingData.load(DataRequest.of("iris.csv").withSplit("every:5"), 4, 3, 0.0);
 * d.train().rows();   // 120
 * d.test().rows();    // 30
 * }</pre>
 *
 * @param validation null when there is none
 * @param test       the set the final loss and accuracy are measured on; the training set itself when nothing was
 *                   held out ({@code --split 0}, or the four XOR points)
 * @param testIsTrain whether {@code test} is the training set
 */
public record TrainingData(Dataset train, Dataset validation, Dataset test, boolean testIsTrain,
                           Normalizer.Mode normalization) {

    /** Whether targets are classes (accuracy and a confusion matrix make sense). */
    public boolean classification() {
        return train.labels() != null;
    }

    /**
     * Loads and prepares the sets.
     *
     * @param inputs           the model's input size: every set must have exactly this many features
     * @param outputs          the model's output size: classes become one-hot targets of this width
     * @param specValidation   the spec's validation fraction, used unless the request gives one
     * @throws DataException   for any problem with the files or their contents, located by file, row and column
     */
    public static TrainingData load(DataRequest request, int inputs, int outputs, double specValidation)
            throws DataException {
        Dataset all = read(request.data(), request.labels(), request, inputs, outputs);
        Dataset test = null;
        if (request.test() != null) {
            test = read(request.test().toString(), request.testLabels(), request, inputs, outputs);
        } else if (request.testLabels() != null) {
            throw new DataException(request.testLabels().toString(), "--test-labels needs --test (the test images)");
        }
        Dataset train = all;
        boolean testIsTrain = false;
        if (test == null) {
            Dataset.Split split = holdout(all, request);
            if (split == null) {
                test = all;
                testIsTrain = true;
            } else {
                train = split.train();
                test = split.holdout();
            }
        }
        Dataset validation = null;
        double v = request.validation() != null ? request.validation() : specValidation;
        if (v > 0) {
            Dataset.Split split = train.seededSplit(v, request.seed() + 1);
            if (split.train().rows() > 0 && split.holdout().rows() > 0) {
                train = split.train();
                validation = split.holdout();
            }
        }
        if (train.rows() == 0) {
            throw new DataException(request.data(), "no training rows left after holding out the test and "
                    + "validation rows");
        }
        Normalizer.Mode mode = request.normalize() != null ? request.normalize()
                : request.labels() != null ? Normalizer.Mode.SCALE255 : Normalizer.Mode.NONE;
        Normalizer normalizer = Normalizer.fit(mode, train);
        Dataset scaledTrain = normalizer.apply(train);
        return new TrainingData(scaledTrain, validation == null ? null : normalizer.apply(validation),
                testIsTrain ? scaledTrain : normalizer.apply(test), testIsTrain, mode);
    }

    private static Dataset read(String data, Path labels, DataRequest request, int inputs, int outputs)
            throws DataException {
        Dataset d;
        String file = data;
        if (DataRequest.XOR.equals(data)) {
            d = Dataset.xor();
            file = "the built-in xor set";
            if (outputs != 1) {
                throw new DataException(file, "has one target per sample, but the model has " + outputs
                        + " outputs");
            }
        } else if (labels != null) {
            d = IdxFile.loadPair(Path.of(data), labels).toDataset(outputs);
        } else {
            Path path = Path.of(data);
            if (looksLikeIdx(path)) {
                throw new DataException(data, "looks like an IDX (MNIST-style) file; give its labels with --labels"
                        + " (and --test-labels for --test)");
            }
            CsvTable table = CsvTable.read(path);
            if (table.rows() == 0) {
                throw new DataException(data, "has no data rows");
            }
            if (request.targetColumns() != null) {
                int[] targets = columns(table, request.targetColumns());
                if (targets.length != outputs) {
                    throw new DataException(data, "--target-columns names " + targets.length
                            + " columns, but the model has " + outputs + " outputs");
                }
                d = table.toRegression(targets);
            } else {
                int label = table.column(request.labelColumn());
                // the shape first: with the wrong file, "label 2 is not 0 or 1" would be the lesser problem
                if (table.columns() - 1 != inputs) {
                    throw new DataException(data, "has " + (table.columns() - 1) + " feature columns (every column"
                            + " but the label column " + label + "), but the model takes " + inputs + " inputs");
                }
                d = table.toClassification(label, outputs);
            }
        }
        if (d.features() != inputs) {
            throw new DataException(file, "has " + d.features() + " features per sample, but the model takes "
                    + inputs + " inputs");
        }
        return d;
    }

    private static int[] columns(CsvTable table, String list) throws DataException {
        String[] parts = list.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = table.column(parts[i].strip());
        }
        if (Arrays.stream(out).distinct().count() != out.length) {
            throw new DataException(table.file(), "--target-columns names a column twice: " + list);
        }
        return out;
    }

    /** The training/test split the request asks for, or null for "no holdout". */
    private static Dataset.Split holdout(Dataset all, DataRequest request) throws DataException {
        String split = request.split();
        if (split == null) {
            split = request.isXor() ? "0" : "0.2";
        }
        if (split.startsWith("every:")) {
            int every = everyN(split);
            if (every < 2) {
                throw new DataException("--split", "every:N needs an integer N ≥ 2, got " + split);
            }
            // the benchmark's convention (shared/bench/configs.md): row i is a test row when i mod N = N − 1
            int[] test = java.util.stream.IntStream.range(0, all.rows()).filter(i -> i % every == every - 1)
                    .toArray();
            int[] train = java.util.stream.IntStream.range(0, all.rows()).filter(i -> i % every != every - 1)
                    .toArray();
            return test.length == 0 ? null : new Dataset.Split(all.subset(train), all.subset(test));
        }
        double fraction;
        try {
            fraction = Double.parseDouble(split);
        } catch (NumberFormatException e) {
            fraction = Double.NaN;
        }
        if (!(fraction >= 0 && fraction < 1)) {
            throw new DataException("--split", "expected a fraction in [0, 1) or every:N, got " + split);
        }
        if (fraction == 0) {
            return null;
        }
        Dataset.Split s = all.seededSplit(fraction, request.seed());
        return s.holdout().rows() == 0 ? null : s;
    }

    private static int everyN(String split) {
        try {
            return Integer.parseInt(split.substring("every:".length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean looksLikeIdx(Path path) {
        if (!Files.isRegularFile(path)) {
            return false; // never open a FIFO (that blocks) or a device: CsvTable.read refuses it with the file's name
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(4);
            if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                return true;
            }
            return head.length == 4 && head[0] == 0 && head[1] == 0 && head[2] == 8 && (head[3] == 1 || head[3] == 3);
        } catch (IOException e) {
            return false; // CsvTable.read reports the problem with the file's name
        }
    }
}
