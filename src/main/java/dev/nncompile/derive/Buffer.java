package dev.nncompile.derive;

/**
 * A named, shaped array of the generated class. Per-sample buffers have one row per sample of the batch (allocated
 * for MAX_BATCH rows, used for the call's n); parameter-shaped buffers have fixed rows.
 *
 * @param name      the Java field name, e.g. {@code w1}, {@code z1}, {@code d2}, {@code gw2}, {@code mw2}
 * @param kind      what it holds; explain derives the printed symbol (W¹, δ², ∂C/∂W²…) from kind, layer and state
 * @param layer     1-based layer, 0 for the input and target
 * @param rows      rows (per-sample buffers: MAX_BATCH)
 * @param cols      columns (units of the layer)
 * @param perSample whether rows are samples of the batch
 * @param state     for {@link Kind#OPTIMIZER_STATE}: the state's name, e.g. {@code m}, {@code v}, {@code velocity}; else ""
 * @param of        for gradients and optimizer state: the parameter buffer it belongs to; else null
 */
public record Buffer(String name, Kind kind, int layer, int rows, int cols, boolean perSample, String state, Buffer of) {

    public enum Kind {
        /** x, the caller's input rows (a⁰) */
        INPUT,
        /** y, the caller's target rows */
        TARGET,
        WEIGHT,
        BIAS,
        /** z = W·a + b */
        PRE_ACTIVATION,
        /** a = f(z) */
        ACTIVATION,
        /** δ = ∂C/∂z */
        DELTA,
        /** ∂C/∂a of the output layer, before a softmax's Jacobian */
        OUTPUT_GRADIENT,
        WEIGHT_GRADIENT,
        BIAS_GRADIENT,
        OPTIMIZER_STATE
    }

    public int size() {
        return rows * cols;
    }

    public boolean isParameter() {
        return kind == Kind.WEIGHT || kind == Kind.BIAS;
    }
}
