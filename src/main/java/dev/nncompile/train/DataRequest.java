package dev.nncompile.train;

import dev.nncompile.data.Normalizer;
import java.nio.file.Path;

/**
 * Where the training data comes from and how it is split and scaled, as the {@code train} command line says it.
 *
 * <pre>{@code
 * DataRequest r = DataRequest.of("iris.csv").withSplit("every:5").withNormalize(Normalizer.Mode.STANDARDIZE);
 * }</pre>
 *
 * @param data          a CSV file, IDX images (with {@code labels}), or {@code xor} for the built-in set
 * @param labels        IDX labels for {@code data}, or null
 * @param test          a separate test set (CSV, or IDX images with {@code testLabels}), or null
 * @param testLabels    IDX labels for {@code test}, or null
 * @param labelColumn   the CSV column holding the class: an index (0-based, −1 = last) or a header name
 * @param targetColumns for regression: the CSV columns holding the targets (comma-separated), or null
 * @param split         the holdout when there is no {@code test}: a fraction ({@code 0.2}, seeded random rows) or
 *                      {@code every:N} (row i held out when i mod N = N − 1); null for the default
 * @param normalize     feature scaling, fitted on the training rows; null for the default (scale255 for IDX, none
 *                      otherwise)
 * @param validation    fraction of the training rows held out for validation; null for the spec's own
 * @param seed          drives the random split
 */
public record DataRequest(String data, Path labels, Path test, Path testLabels, String labelColumn,
                          String targetColumns, String split, Normalizer.Mode normalize, Double validation,
                          long seed) {
    /** The built-in XOR set's name. */
    public static final String XOR = "xor";

    public static DataRequest of(String data) {
        return new DataRequest(data, null, null, null, "-1", null, null, null, null, 0);
    }

    public DataRequest withLabels(Path l) {
        return new DataRequest(data, l, test, testLabels, labelColumn, targetColumns, split, normalize, validation,
                seed);
    }

    public DataRequest withTest(Path t, Path tl) {
        return new DataRequest(data, labels, t, tl, labelColumn, targetColumns, split, normalize, validation, seed);
    }

    public DataRequest withLabelColumn(String c) {
        return new DataRequest(data, labels, test, testLabels, c, targetColumns, split, normalize, validation, seed);
    }

    public DataRequest withTargetColumns(String c) {
        return new DataRequest(data, labels, test, testLabels, labelColumn, c, split, normalize, validation, seed);
    }

    public DataRequest withSplit(String s) {
        return new DataRequest(data, labels, test, testLabels, labelColumn, targetColumns, s, normalize, validation,
                seed);
    }

    public DataRequest withNormalize(Normalizer.Mode m) {
        return new DataRequest(data, labels, test, testLabels, labelColumn, targetColumns, split, m, validation,
                seed);
    }

    public DataRequest withValidation(Double v) {
        return new DataRequest(data, labels, test, testLabels, labelColumn, targetColumns, split, normalize, v,
                seed);
    }

    public DataRequest withSeed(long s) {
        return new DataRequest(data, labels, test, testLabels, labelColumn, targetColumns, split, normalize,
                validation, s);
    }

    boolean isXor() {
        return XOR.equals(data);
    }
}
