package dev.nncompile.emit;

import dev.nncompile.model.Loss;
import dev.nncompile.model.Network;
import java.util.SplittableRandom;

/** Seeded batches that fit a network's loss: one-hot targets for softmax, 0/1 for BCE, values in [0, 1] else. */
record Samples(double[] x, double[] y, int n) {

    static Samples of(Network net, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n * net.inputs()];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble(-1, 1);
        }
        int k = net.outputs();
        double[] y = new double[n * k];
        boolean softmax = net.outputLayer().activation().softmax();
        for (int s = 0; s < n; s++) {
            if (softmax || net.loss().kind() == Loss.Kind.CROSS_ENTROPY) {
                y[s * k + random.nextInt(k)] = 1;
            } else {
                for (int j = 0; j < k; j++) {
                    y[s * k + j] = net.loss().kind() == Loss.Kind.BCE ? random.nextInt(2) : random.nextDouble();
                }
            }
        }
        return new Samples(x, y, n);
    }

    static final double[] XOR_X = {0, 0, 0, 1, 1, 0, 1, 1};
    static final double[] XOR_Y = {0, 1, 1, 0};
}
