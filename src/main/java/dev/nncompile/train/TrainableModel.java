package dev.nncompile.train;

/**
 * What {@code train} and {@code trace} need of a model: the surface of a generated class (issue 4), seen in double
 * precision whatever the class computes in. {@link GeneratedModel} adapts a generated class compiled in memory; tests
 * use fakes.
 *
 * <p>Arrays are row-major: {@code x} is n × {@link #inputs()}, {@code y} n × {@link #outputs()}. Layers are numbered
 * from 1 like the spec's; layer 0 is the input.
 *
 * <pre>{@code
 * TrainableModel m = GeneratedModel.compile(compiled, 42);
 * m.computeGradients(x, y, 1);
 * double[][] dW = m.weightGradient(1);
 * }</pre>
 */
public interface TrainableModel {
    /** The model's name (the generated class's simple name). */
    String name();

    /** Units per layer: index 0 is the input size, the last the output size. */
    int[] layerSizes();

    /** Whether the class computes in double ({@code precision double}) rather than float. */
    boolean doublePrecision();

    /** The largest {@code n} of one {@link #loss}/{@link #trainBatch}/{@link #computeGradients} call. */
    int maxBatch();

    default int inputs() {
        return layerSizes()[0];
    }

    default int outputs() {
        int[] s = layerSizes();
        return s[s.length - 1];
    }

    default int layers() {
        return layerSizes().length - 1;
    }

    /** The total loss (data term + regularisation) of n samples, parameters unchanged. */
    double loss(double[] x, double[] y, int n);

    /** One optimizer step on n samples; the loss before the step. */
    double trainBatch(double[] x, double[] y, int n);

    /** Forward and backward pass on n samples, no update: afterwards the accessors below describe this batch. */
    void computeGradients(double[] x, double[] y, int n);

    /** The outputs of the n samples, n × outputs. */
    double[] predict(double[] x, int n);

    /** The class's own accuracy over n samples (argmax, or p &gt; 0.5 for one output). */
    double accuracy(double[] x, double[] y, int n);

    /** Trains through the class's own {@code fit} (shuffling, epochs, validation, stopping rules). */
    FitOutcome fit(double[] x, double[] y, int n, double[] valX, double[] valY, int valN, FitListener listener);

    /** The parameters as safetensors bytes (PyTorch names), as the class's {@code writeWeights} writes them. */
    byte[] weights();

    /** Weights of layer l, [units][inputs]. */
    double[][] weightsOf(int layer);

    /** Biases of layer l. */
    double[] biasOf(int layer);

    /** Replaces layer l's parameters (w [units][inputs], b [units]), rounded to the class's precision. */
    void setParameters(int layer, double[][] w, double[] b);

    /** Pre-activations of layer l for the n samples of the last {@link #computeGradients}: [n][units]. */
    double[][] z(int layer, int n);

    /** Activations of layer l (layer 0: the inputs): [n][units]. */
    double[][] a(int layer, int n);

    /** ∂L/∂z of layer l, the total loss's δ as the class computes it: [n][units]. */
    double[][] delta(int layer, int n);

    /** ∂L/∂W of layer l: [units][inputs]. */
    double[][] weightGradient(int layer);

    /** ∂L/∂b of layer l. */
    double[] biasGradient(int layer);
}
