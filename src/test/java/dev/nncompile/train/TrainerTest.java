package dev.nncompile.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nncompile.data.Dataset;
import dev.nncompile.data.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trainer around a model's fit, with the reference MLP standing in for a generated class. */
class TrainerTest {
    static TrainingData xor() {
        Dataset d = Dataset.xor();
        return new TrainingData(d, null, d, true, Normalizer.Mode.NONE);
    }

    @Test
    void xorReachesFourOutOfFour() {
        ReferenceMlp m = new ReferenceMlp(new int[] {2, 4, 1}, new String[] {"tanh", "sigmoid"}, "bce", 0.5, 4,
                2000, 3);
        List<String> events = new ArrayList<>();
        TrainingOutcome out = Trainer.train(m, xor(), new FitListener() {
            @Override
            public void epochEnded(int epoch, double trainLoss, double valLoss, double valAccuracy) {
                if (epoch <= 2) {
                    events.add(epoch + ":" + Double.isNaN(valLoss));
                }
            }
        });
        assertEquals(List.of("1:true", "2:true"), events);
        assertEquals(2000, out.epochs().size());
        assertEquals(1.0, out.testAccuracy());
        assertEquals(4, out.confusion().count(0, 0) + out.confusion().count(1, 1));
        assertEquals("max_epochs", out.fit().stoppedBy());
        assertTrue(out.testLoss() < 0.1, "test loss " + out.testLoss());
        assertTrue(out.samplesPerSecond() > 0);
        assertTrue(out.epochs().get(1999).trainLoss() < out.epochs().get(0).trainLoss());
    }

    @Test
    void jsonHasExactlyTheDocumentedShape() {
        ReferenceMlp m = new ReferenceMlp(new int[] {2, 4, 1}, new String[] {"tanh", "sigmoid"}, "bce", 0.5, 4, 3, 3);
        Dataset d = Dataset.xor();
        TrainingOutcome out = Trainer.train(m, new TrainingData(d, d, d, true, Normalizer.Mode.NONE),
                new FitListener() {});
        Map<String, Object> doc = JsonReader.object(JsonReader.parse(out.toJson(false)));
        assertEquals(List.of("epochs", "test_loss", "test_accuracy", "stopped_by", "samples_per_second"),
                new ArrayList<>(doc.keySet()));
        List<Object> epochs = JsonReader.array(doc.get("epochs"));
        assertEquals(3, epochs.size());
        Map<String, Object> e1 = JsonReader.object(epochs.get(0));
        assertEquals(List.of("epoch", "train_loss", "val_loss", "val_accuracy", "seconds"),
                new ArrayList<>(e1.keySet()));
        assertEquals(1.0, e1.get("epoch"));
        assertEquals(out.epochs().get(0).trainLoss(), (Double) e1.get("train_loss"));
        assertEquals("max_epochs", doc.get("stopped_by"));
    }

    @Test
    void divergenceStopsWithEpochAndBatchAndKeepsFiniteWeights() {
        // lr 1e6 on mse with a linear output explodes within a few steps
        ReferenceMlp m = new ReferenceMlp(new int[] {2, 4, 1}, new String[] {"relu", "identity"}, "mse", 1e6, 2, 50,
                3);
        Dataset d = Dataset.ofTargets(4, 2, new double[] {0, 0, 0, 1, 1, 0, 1, 1}, 1, new double[] {0, 10, 10, 0});
        TrainingOutcome out = Trainer.train(m, new TrainingData(d, null, d, true, Normalizer.Mode.NONE),
                new FitListener() {});
        assertTrue(out.fit().diverged());
        assertTrue(out.fit().epoch() >= 1 && out.fit().batch() >= 1);
        assertTrue(out.fit().describe().contains("epoch " + out.fit().epoch() + ", batch " + out.fit().batch()));
        for (double[] w : m.w) {
            for (int i = 0; w != null && i < w.length; i++) {
                assertTrue(Double.isFinite(w[i]));
            }
        }
        assertNull(out.confusion(), "regression has no confusion matrix");
        assertFalse(Double.isFinite(out.testAccuracy()));
        Map<String, Object> doc = JsonReader.object(JsonReader.parse(out.toJson(false)));
        assertEquals("diverged", doc.get("stopped_by"));
        assertNull(doc.get("test_accuracy"));
    }
}
