package dev.nncompile.emit;

import dev.nncompile.derive.Buffer;

/**
 * How one plan buffer lives in the generated class: a field, its Java shape and dimensions.
 *
 * <p>Layouts (perf-anchors.md, "handjava-tuned" and the flat-array trap): every matrix is one array per row
 * ({@code float[][]}), because C2 does not vectorise loops over a flat array with row offsets. Weight-shaped
 * buffers (weights, their gradients and optimizer state) are stored input-major, {@code w[k][j]} = Wⱼₖ, so that
 * the forward product and the weight gradient are unit-stride axpy loops over the units j.
 *
 * @param name  the Java field name
 * @param shape the Java layout
 * @param rows  first dimension: MAX_BATCH (per sample), the layer's inputs (matrix), 1 (vector)
 * @param cols  second dimension: units of the row
 */
record Storage(Buffer buffer, String name, Shape shape, int rows, int cols) {

    enum Shape {
        /** {@code [MAX_BATCH][cols]}: one row per sample of the batch */
        PER_SAMPLE,
        /** {@code [inputs][units]}: a weight-shaped buffer, stored transposed */
        MATRIX,
        /** {@code [units]}: a bias-shaped buffer */
        VECTOR
    }

    int size() {
        return shape == Shape.VECTOR ? cols : rows * cols;
    }

    /** The name of the local holding the current row, e.g. {@code z1Row}. */
    String row() {
        return name + "Row";
    }
}
