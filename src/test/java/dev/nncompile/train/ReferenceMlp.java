package dev.nncompile.train;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A plain double-precision MLP with SGD, written for the tests of this package: an independent stand-in for a
 * generated class, so that the trainer, tracer, renderers and reports are tested without the code generator.
 * Activations: identity, relu, sigmoid, tanh; the output may be softmax (with cross-entropy, fused δ = (p − y)/N).
 * Losses: "mse" (mean over batch and outputs), "ce", "bce" (sigmoid output, mean over all).
 */
final class ReferenceMlp implements TrainableModel {
    private final int[] sizes;
    private final String[] activations;
    private final String loss;
    private final double lr;
    private final int batch;
    private final int epochs;
    final double[][] w;
    final double[][] b;
    private final double[][] gw;
    private final double[][] gb;
    private double[][] z;
    private double[][] a;
    private double[][] d;

    ReferenceMlp(int[] sizes, String[] activations, String loss, double lr, int batch, int epochs, long seed) {
        this.sizes = sizes.clone();
        this.activations = activations.clone();
        this.loss = loss;
        this.lr = lr;
        this.batch = batch;
        this.epochs = epochs;
        int layers = sizes.length - 1;
        w = new double[layers + 1][];
        b = new double[layers + 1][];
        gw = new double[layers + 1][];
        gb = new double[layers + 1][];
        Random random = new Random(seed);
        for (int l = 1; l <= layers; l++) {
            w[l] = new double[sizes[l] * sizes[l - 1]];
            b[l] = new double[sizes[l]];
            gw[l] = new double[w[l].length];
            gb[l] = new double[sizes[l]];
            double limit = Math.sqrt(6.0 / (sizes[l] + sizes[l - 1]));
            for (int i = 0; i < w[l].length; i++) {
                w[l][i] = (random.nextDouble() * 2 - 1) * limit;
            }
        }
    }

    @Override
    public String name() {
        return "ReferenceMlp";
    }

    @Override
    public int[] layerSizes() {
        return sizes.clone();
    }

    @Override
    public boolean doublePrecision() {
        return true;
    }

    @Override
    public int maxBatch() {
        return batch;
    }

    private void forward(double[] x, int n) {
        int layers = sizes.length - 1;
        z = new double[layers + 1][];
        a = new double[layers + 1][];
        a[0] = java.util.Arrays.copyOf(x, n * sizes[0]);
        for (int l = 1; l <= layers; l++) {
            int in = sizes[l - 1];
            int out = sizes[l];
            z[l] = new double[n * out];
            a[l] = new double[n * out];
            for (int s = 0; s < n; s++) {
                for (int j = 0; j < out; j++) {
                    double sum = b[l][j];
                    for (int k = 0; k < in; k++) {
                        sum += w[l][j * in + k] * a[l - 1][s * in + k];
                    }
                    z[l][s * out + j] = sum;
                }
                if (activations[l - 1].equals("softmax")) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < out; j++) {
                        max = Math.max(max, z[l][s * out + j]);
                    }
                    double total = 0;
                    for (int j = 0; j < out; j++) {
                        total += Math.exp(z[l][s * out + j] - max);
                    }
                    for (int j = 0; j < out; j++) {
                        a[l][s * out + j] = Math.exp(z[l][s * out + j] - max) / total;
                    }
                } else {
                    for (int j = 0; j < out; j++) {
                        a[l][s * out + j] = activate(activations[l - 1], z[l][s * out + j]);
                    }
                }
            }
        }
    }

    private static double activate(String f, double v) {
        return switch (f) {
            case "relu" -> Math.max(0, v);
            case "sigmoid" -> 1 / (1 + Math.exp(-v));
            case "tanh" -> Math.tanh(v);
            default -> v;
        };
    }

    private static double derivative(String f, double zv, double av) {
        return switch (f) {
            case "relu" -> zv > 0 ? 1 : 0;
            case "sigmoid" -> av * (1 - av);
            case "tanh" -> 1 - av * av;
            default -> 1;
        };
    }

    private double dataLoss(double[] y, int n) {
        double[] p = a[sizes.length - 1];
        int k = outputs();
        double sum = 0;
        for (int i = 0; i < n * k; i++) {
            switch (loss) {
                case "ce" -> sum -= y[i] == 0 ? 0 : y[i] * Math.log(p[i]);
                case "bce" -> sum -= y[i] * Math.log(p[i]) + (1 - y[i]) * Math.log(1 - p[i]);
                default -> sum += (p[i] - y[i]) * (p[i] - y[i]);
            }
        }
        return loss.equals("ce") ? sum / n : sum / (n * k);
    }

    @Override
    public double loss(double[] x, double[] y, int n) {
        forward(x, n);
        return dataLoss(y, n);
    }

    @Override
    public void computeGradients(double[] x, double[] y, int n) {
        forward(x, n);
        int layers = sizes.length - 1;
        d = new double[layers + 1][];
        int k = outputs();
        d[layers] = new double[n * k];
        double[] p = a[layers];
        for (int i = 0; i < n * k; i++) {
            d[layers][i] = switch (loss) {
                case "ce" -> (p[i] - y[i]) / n;
                case "bce" -> (p[i] - y[i]) / (n * k);
                default -> 2 * (p[i] - y[i]) / (n * k) * derivative(activations[layers - 1], z[layers][i], p[i]);
            };
        }
        for (int l = layers; l >= 1; l--) {
            int in = sizes[l - 1];
            int out = sizes[l];
            java.util.Arrays.fill(gw[l], 0);
            java.util.Arrays.fill(gb[l], 0);
            for (int s = 0; s < n; s++) {
                for (int j = 0; j < out; j++) {
                    double dj = d[l][s * out + j];
                    gb[l][j] += dj;
                    for (int i = 0; i < in; i++) {
                        gw[l][j * in + i] += dj * a[l - 1][s * in + i];
                    }
                }
            }
            if (l > 1) {
                d[l - 1] = new double[n * in];
                for (int s = 0; s < n; s++) {
                    for (int i = 0; i < in; i++) {
                        double sum = 0;
                        for (int j = 0; j < out; j++) {
                            sum += w[l][j * in + i] * d[l][s * out + j];
                        }
                        d[l - 1][s * in + i] = sum
                                * derivative(activations[l - 2], z[l - 1][s * in + i], a[l - 1][s * in + i]);
                    }
                }
            }
        }
    }

    @Override
    public double trainBatch(double[] x, double[] y, int n) {
        computeGradients(x, y, n);
        double before = dataLoss(y, n);
        for (int l = 1; l < sizes.length; l++) {
            for (int i = 0; i < w[l].length; i++) {
                w[l][i] -= lr * gw[l][i];
            }
            for (int j = 0; j < b[l].length; j++) {
                b[l][j] -= lr * gb[l][j];
            }
        }
        return before;
    }

    @Override
    public double[] predict(double[] x, int n) {
        forward(x, n);
        return a[sizes.length - 1].clone();
    }

    @Override
    public double accuracy(double[] x, double[] y, int n) {
        double[] p = predict(x, n);
        int k = outputs();
        int right = 0;
        for (int s = 0; s < n; s++) {
            if (k == 1) {
                right += (p[s] > 0.5) == (y[s] > 0.5) ? 1 : 0;
            } else {
                int best = 0;
                int truth = 0;
                for (int j = 1; j < k; j++) {
                    best = p[s * k + j] > p[s * k + best] ? j : best;
                    truth = y[s * k + j] > y[s * k + truth] ? j : truth;
                }
                right += best == truth ? 1 : 0;
            }
        }
        return (double) right / n;
    }

    @Override
    public FitOutcome fit(double[] x, double[] y, int n, double[] valX, double[] valY, int valN, FitListener l) {
        int in = inputs();
        int k = outputs();
        int batches = (n + batch - 1) / batch;
        for (int e = 1; e <= epochs; e++) {
            l.epochStarted(e, epochs, batches);
            double sum = 0;
            for (int bi = 0; bi < batches; bi++) {
                int start = bi * batch;
                int m = Math.min(batch, n - start);
                double[][] savedW = copy(w);
                double[][] savedB = copy(b);
                double batchLoss = trainBatch(java.util.Arrays.copyOfRange(x, start * in, (start + m) * in),
                        java.util.Arrays.copyOfRange(y, start * k, (start + m) * k), m);
                if (!Double.isFinite(batchLoss) || !finite(w)) {
                    restore(savedW, w);
                    restore(savedB, b);
                    return new FitOutcome(e - 1, FitOutcome.DIVERGED, e, bi + 1);
                }
                sum += batchLoss * m;
                l.batchEnded(e, bi + 1, batches, batchLoss);
            }
            double valLoss = valN > 0 ? loss(valX, valY, valN) : Double.NaN;
            double valAccuracy = valN > 0 ? accuracy(valX, valY, valN) : Double.NaN;
            l.epochEnded(e, sum / n, valLoss, valAccuracy);
        }
        return new FitOutcome(epochs, "max_epochs", 0, 0);
    }

    private static double[][] copy(double[][] p) {
        double[][] out = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i] == null ? null : p[i].clone();
        }
        return out;
    }

    private static void restore(double[][] from, double[][] to) {
        for (int i = 1; i < to.length; i++) {
            System.arraycopy(from[i], 0, to[i], 0, to[i].length);
        }
    }

    private static boolean finite(double[][] p) {
        for (int i = 1; i < p.length; i++) {
            for (double v : p[i]) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public byte[] weights() {
        Map<String, dev.nncompile.data.Tensor> tensors = new LinkedHashMap<>();
        for (int l = 1; l < sizes.length; l++) {
            tensors.put(dev.nncompile.data.Safetensors.weightName(l),
                    dev.nncompile.data.Tensor.f64(new int[] {sizes[l], sizes[l - 1]}, w[l]));
            tensors.put(dev.nncompile.data.Safetensors.biasName(l),
                    dev.nncompile.data.Tensor.f64(new int[] {sizes[l]}, b[l]));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(dev.nncompile.data.Safetensors.toBytes(tensors, Map.of()));
        return out.toByteArray();
    }

    @Override
    public double[][] weightsOf(int layer) {
        return Tracer.rows(w[layer], sizes[layer], sizes[layer - 1]);
    }

    @Override
    public double[] biasOf(int layer) {
        return b[layer].clone();
    }

    @Override
    public void setParameters(int layer, double[][] weights, double[] bias) {
        for (int j = 0; j < sizes[layer]; j++) {
            System.arraycopy(weights[j], 0, w[layer], j * sizes[layer - 1], sizes[layer - 1]);
        }
        System.arraycopy(bias, 0, b[layer], 0, sizes[layer]);
    }

    @Override
    public double[][] z(int layer, int n) {
        return Tracer.rows(z[layer], n, sizes[layer]);
    }

    @Override
    public double[][] a(int layer, int n) {
        return Tracer.rows(a[layer], n, sizes[layer]);
    }

    @Override
    public double[][] delta(int layer, int n) {
        return Tracer.rows(d[layer], n, sizes[layer]);
    }

    @Override
    public double[][] weightGradient(int layer) {
        return Tracer.rows(gw[layer], sizes[layer], sizes[layer - 1]);
    }

    @Override
    public double[] biasGradient(int layer) {
        return gb[layer].clone();
    }
}
