package dev.nncompile.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nncompile.data.Dataset;
import dev.nncompile.data.Normalizer;
import dev.nncompile.data.Safetensors;
import dev.nncompile.model.Precision;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reflective adapter over real generated classes (built from hand-made networks, no parser involved). */
class GeneratedModelTest {
    @Test
    void tracesTheWorkedExampleInDouble() {
        GeneratedModel m = Networks.load(Networks.workedExample(Precision.DOUBLE), 1);
        m.setParameters(1, new double[][] {{1}}, new double[] {0});
        m.setParameters(2, new double[][] {{1}}, new double[] {0});
        assertArrayEquals(new double[][] {{1}}, m.weightsOf(1));
        BatchTrace t = Tracer.trace(m, new double[] {2}, new double[] {10}, 1, 1);
        assertEquals(64, t.loss());
        assertArrayEquals(new double[][] {{2}}, t.layers().get(0).z());
        assertArrayEquals(new double[][] {{2}}, t.layers().get(1).a());
        assertArrayEquals(new double[][] {{-16}}, t.layers().get(1).dLdz());
        assertArrayEquals(new double[][] {{-32}}, t.layers().get(1).dLdW());
        assertArrayEquals(new double[] {-16}, t.layers().get(1).dLdb());
        assertArrayEquals(new double[][] {{-32}}, t.layers().get(0).dLdW());
        assertArrayEquals(new double[] {-16}, t.layers().get(0).dLdb());
        BatchTrace.StepTrace step = t.steps().get(0);
        assertEquals(1.32, step.params().get(0).w()[0][0], 1e-15);
        assertEquals(0.16, step.params().get(0).b()[0], 1e-15);
        assertEquals(1.32, step.params().get(1).w()[0][0], 1e-15);
        assertEquals(0.16, step.params().get(1).b()[0], 1e-15);
        assertEquals(37.748736, step.lossAfter(), 1e-12);
        String text = TraceText.render(t, List.of("relu", "identity"));
        assertTrue(text.contains("== step 1: loss 64 → 37.748736 =="), text);
    }

    @Test
    void tracesTheWorkedExampleInFloat() {
        GeneratedModel m = Networks.load(Networks.workedExample(Precision.FLOAT), 1);
        assertTrue(!m.doublePrecision());
        m.setParameters(1, new double[][] {{1}}, new double[] {0});
        m.setParameters(2, new double[][] {{1}}, new double[] {0});
        BatchTrace t = Tracer.trace(m, new double[] {2}, new double[] {10}, 1, 1);
        assertEquals(64, t.loss());
        assertEquals(-32, t.layers().get(0).dLdW()[0][0]);
        // float arithmetic: 1 + 0.01f · 32 rounds to 1.3199999, what the class really holds
        assertEquals(1.32, t.steps().get(0).params().get(0).w()[0][0], 1e-6);
        assertEquals(37.748736, t.steps().get(0).lossAfter(), 1e-4);
    }

    @Test
    void trainsXorThroughItsOwnFit() throws Exception {
        GeneratedModel m = Networks.load(Networks.network("Xor", new int[] {2, 4, 1}, new String[] {"tanh", "sigmoid"},
                "bce", Networks.sgd(0.5), Precision.FLOAT, 4, 3000), 1);
        List<String> events = new ArrayList<>();
        Dataset d = Dataset.xor();
        TrainingOutcome out = Trainer.train(m, new TrainingData(d, d, d, true, Normalizer.Mode.NONE),
                new FitListener() {
                    @Override
                    public void epochStarted(int epoch, int epochs, int batches) {
                        if (epoch <= 2) {
                            events.add("start " + epoch + "/" + epochs + " " + batches);
                        }
                    }

                    @Override
                    public void batchEnded(int epoch, int batch, int batches, double loss) {
                        if (epoch <= 2) {
                            events.add("batch " + epoch + " " + batch + "/" + batches);
                        }
                    }
                });
        assertEquals(List.of("start 1/3000 1", "batch 1 1/1", "start 2/3000 1", "batch 2 1/1"), events);
        assertEquals(3000, out.epochs().size());
        assertEquals("max_epochs", out.fit().stoppedBy());
        assertEquals(1.0, out.testAccuracy(), "xor 4/4");
        assertEquals(4, out.confusion().count(0, 0) + out.confusion().count(1, 1));
        assertEquals(4, Safetensors.read(m.weights(), "w").tensors().size());
    }

    @Test
    void divergenceIsReportedWithEpochAndBatch() {
        GeneratedModel m = Networks.load(Networks.network("Boom", new int[] {2, 8, 1},
                new String[] {"relu", "identity"}, "mse", Networks.sgd(1e4), Precision.FLOAT, 2, 100), 1);
        Dataset d = Dataset.ofTargets(4, 2, new double[] {0, 0, 0, 1, 1, 0, 1, 1}, 1,
                new double[] {0, 100, 100, 0});
        TrainingOutcome out = Trainer.train(m, new TrainingData(d, null, d, true, Normalizer.Mode.NONE),
                new FitListener() {});
        assertTrue(out.fit().diverged(), out.fit().toString());
        assertTrue(out.fit().epoch() >= 1 && out.fit().batch() >= 1, out.fit().toString());
        for (int l = 1; l <= 2; l++) {
            for (double[] row : m.weightsOf(l)) {
                for (double v : row) {
                    assertTrue(Double.isFinite(v), "the last finite weights are kept");
                }
            }
        }
    }
}
