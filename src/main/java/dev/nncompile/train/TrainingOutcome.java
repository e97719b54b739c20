package dev.nncompile.train;

import java.util.List;

/**
 * Everything a finished {@code train} run reports.
 *
 * @param testAccuracy     NaN for regression
 * @param confusion        the test set's confusion matrix, or null for regression
 * @param samplesPerSecond training samples processed per second of training (validation passes included)
 */
public record TrainingOutcome(List<EpochRecord> epochs, double testLoss, double testAccuracy, FitOutcome fit,
                              double samplesPerSecond, ConfusionMatrix confusion) {
    public TrainingOutcome {
        epochs = List.copyOf(epochs);
    }

    /** The JSON document of {@code train --json}. */
    public String toJson(boolean floatPrecision) {
        JsonWriter json = new JsonWriter().floatPrecision(floatPrecision);
        json.beginObject().name("epochs").beginArray();
        for (EpochRecord e : epochs) {
            json.beginObject().name("epoch").value(e.epoch()).name("train_loss").value(e.trainLoss())
                    .name("val_loss").value(e.valLoss()).name("val_accuracy").value(e.valAccuracy());
            // seconds are measured, not computed in the model's precision
            json.floatPrecision(false).name("seconds").value(round(e.seconds(), 6)).floatPrecision(floatPrecision);
            json.endObject();
        }
        json.endArray();
        json.name("test_loss").value(testLoss).name("test_accuracy").value(testAccuracy)
                .name("stopped_by").value(fit.stoppedBy());
        json.floatPrecision(false).name("samples_per_second").value(round(samplesPerSecond, 1));
        return json.endObject().document();
    }

    private static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Double.isFinite(v) ? Math.round(v * scale) / scale : v;
    }
}
