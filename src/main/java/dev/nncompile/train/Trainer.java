package dev.nncompile.train;

import dev.nncompile.data.Dataset;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one training: the model's own {@code fit} on the training set (validating on the validation set), timed per
 * epoch, then the test set's loss, accuracy and confusion matrix.
 *
 * <pre>{@code
 * TrainingOutcome out = Trainer.train(model, data, new FitListener() {});
 * out.testAccuracy();
 * }</pre>
 */
public final class Trainer {
    private Trainer() {}

    /** Trains {@code model} in place; {@code progress} hears every batch and epoch as it happens. */
    public static TrainingOutcome train(TrainableModel model, TrainingData data, FitListener progress) {
        Dataset train = data.train();
        Dataset val = data.validation();
        List<EpochRecord> epochs = new ArrayList<>();
        long[] epochStart = {System.nanoTime()};
        FitListener recorder = new FitListener() {
            @Override
            public void epochStarted(int epoch, int total, int batches) {
                epochStart[0] = System.nanoTime();
                progress.epochStarted(epoch, total, batches);
            }

            @Override
            public void batchEnded(int epoch, int batch, int batches, double loss) {
                progress.batchEnded(epoch, batch, batches, loss);
            }

            @Override
            public void epochEnded(int epoch, double trainLoss, double valLoss, double valAccuracy) {
                long now = System.nanoTime();
                double accuracy = data.classification() ? valAccuracy : Double.NaN;
                epochs.add(new EpochRecord(epoch, trainLoss, valLoss, accuracy, (now - epochStart[0]) / 1e9));
                // an adapter that cannot see epoch starts still gets one epoch's time per record
                epochStart[0] = now;
                progress.epochEnded(epoch, trainLoss, valLoss, accuracy);
            }
        };
        FitOutcome fit = model.fit(train.x(), train.y(), train.rows(), val == null ? new double[0] : val.x(),
                val == null ? new double[0] : val.y(), val == null ? 0 : val.rows(), recorder);
        double seconds = 0;
        for (EpochRecord e : epochs) {
            seconds += e.seconds();
        }
        double samplesPerSecond = seconds > 0 ? (double) train.rows() * epochs.size() / seconds : Double.NaN;
        Dataset test = data.test();
        double testLoss = evaluateLoss(model, test);
        double testAccuracy = Double.NaN;
        ConfusionMatrix confusion = null;
        if (data.classification() && test.rows() > 0) {
            testAccuracy = model.accuracy(test.x(), test.y(), test.rows());
            int classes = Math.max(2, model.outputs());
            confusion = ConfusionMatrix.of(classes, test.labels(), predictedClasses(model, test));
        }
        return new TrainingOutcome(epochs, testLoss, testAccuracy, fit, samplesPerSecond, confusion);
    }

    /** The loss over a whole set, batch by batch (the model bounds n), as the per-sample mean. */
    static double evaluateLoss(TrainableModel model, Dataset set) {
        if (set.rows() == 0) {
            return Double.NaN;
        }
        int batch = model.maxBatch();
        double sum = 0;
        int in = set.features();
        int out = set.outputs();
        double[] x = set.x();
        double[] y = set.y();
        for (int start = 0; start < set.rows(); start += batch) {
            int n = Math.min(batch, set.rows() - start);
            double[] bx = java.util.Arrays.copyOfRange(x, start * in, (start + n) * in);
            double[] by = java.util.Arrays.copyOfRange(y, start * out, (start + n) * out);
            // the loss of a call is a mean over its n samples (configs.md): weight it back by n
            sum += model.loss(bx, by, n) * n;
        }
        return sum / set.rows();
    }

    /** Argmax of each output row; for a single output unit (a sigmoid) p &gt; 0.5 means class 1. */
    static int[] predictedClasses(TrainableModel model, Dataset set) {
        int k = model.outputs();
        double[] p = model.predict(set.x(), set.rows());
        int[] classes = new int[set.rows()];
        for (int r = 0; r < set.rows(); r++) {
            if (k == 1) {
                classes[r] = p[r] > 0.5 ? 1 : 0;
            } else {
                int best = 0;
                for (int j = 1; j < k; j++) {
                    if (p[r * k + j] > p[r * k + best]) {
                        best = j;
                    }
                }
                classes[r] = best;
            }
        }
        return classes;
    }
}
