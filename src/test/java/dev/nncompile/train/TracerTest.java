package dev.nncompile.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tracer and its renderers on the tutorial's worked example, with the reference MLP standing in for a class. */
class TracerTest {
    /** 1-1-1, relu hidden, identity output, squared error, sgd lr 0.01, w = 1, b = 0, x = 2, y = 10. */
    static ReferenceMlp workedExample() {
        ReferenceMlp m = new ReferenceMlp(new int[] {1, 1, 1}, new String[] {"relu", "identity"}, "mse", 0.01, 1,
                1, 0);
        m.setParameters(1, new double[][] {{1}}, new double[] {0});
        m.setParameters(2, new double[][] {{1}}, new double[] {0});
        return m;
    }

    @Test
    void reproducesTheWorkedExample() {
        BatchTrace t = Tracer.trace(workedExample(), new double[] {2}, new double[] {10}, 1, 1);
        assertEquals(64, t.loss());
        assertArrayEquals(new double[][] {{2}}, t.layers().get(0).z());
        assertArrayEquals(new double[][] {{2}}, t.layers().get(1).a());
        assertArrayEquals(new double[][] {{-16}}, t.layers().get(1).dLdz());
        assertArrayEquals(new double[][] {{-32}}, t.layers().get(1).dLdW());
        assertArrayEquals(new double[] {-16}, t.layers().get(1).dLdb());
        assertArrayEquals(new double[][] {{-32}}, t.layers().get(0).dLdW());
        assertArrayEquals(new double[] {-16}, t.layers().get(0).dLdb());
        BatchTrace.StepTrace step = t.steps().get(0);
        assertEquals(64, step.lossBefore());
        assertEquals(37.748736, step.lossAfter(), 1e-12);
        assertEquals(1.32, step.params().get(0).w()[0][0], 1e-15);
        assertEquals(0.16, step.params().get(1).b()[0], 1e-15);
    }

    @Test
    void textReadsLikeTheWorkedExample() {
        BatchTrace t = Tracer.trace(workedExample(), new double[] {2}, new double[] {10}, 1, 2);
        String text = TraceText.render(t, List.of("relu", "identity"));
        assertTrue(text.contains("-- layer 1: dense 1 relu --"), text);
        assertTrue(text.contains("loss L = 64 "), text);
        assertTrue(text.contains("== step 1: loss 64 → 37.748736 =="), text);
        assertTrue(text.contains("  ∂L/∂W² = δ²ᵀ a¹   (1 × 1, [units × inputs])\n      -32\n"), text);
        assertTrue(text.contains("  W¹   (1 × 1, [units × inputs])\n      1.32\n"), text);
        assertTrue(text.contains("  b²\n      0.16\n"), text);
        assertTrue(text.contains("== step 2: loss 37.748736 → "), text);
    }

    @Test
    void jsonParsesBackToTheSameNumbers() {
        BatchTrace t = Tracer.trace(workedExample(), new double[] {2}, new double[] {10}, 1, 1);
        Map<String, Object> doc = JsonReader.object(JsonReader.parse(t.toJson()));
        assertEquals(64.0, doc.get("loss"));
        List<Object> layers = JsonReader.array(doc.get("layers"));
        assertEquals(2, layers.size());
        Map<String, Object> out = JsonReader.object(layers.get(1));
        assertArrayEquals(new double[][] {{-16}}, JsonReader.matrix(out.get("dL_dz")));
        assertArrayEquals(new double[][] {{-32}}, JsonReader.matrix(out.get("dL_dW")));
        assertArrayEquals(new double[] {-16}, JsonReader.vector(out.get("dL_db")));
        Map<String, Object> step = JsonReader.object(JsonReader.array(doc.get("steps")).get(0));
        assertEquals(1.0, step.get("step"));
        assertEquals(37.748736, (Double) step.get("loss_after"), 1e-12);
        Map<String, Object> p1 = JsonReader.object(JsonReader.array(step.get("params")).get(0));
        assertEquals(1.32, JsonReader.matrix(p1.get("W"))[0][0], 1e-15);
        assertEquals(0.16, JsonReader.vector(p1.get("b"))[0], 1e-15);
    }

    @Test
    void severalSamplesGiveARowEach() {
        ReferenceMlp m = new ReferenceMlp(new int[] {2, 3, 2}, new String[] {"tanh", "softmax"}, "ce", 0.1, 4, 1, 7);
        BatchTrace t = Tracer.trace(m, new double[] {1, 2, 3, 4, 5, 6}, new double[] {1, 0, 0, 1, 1, 0}, 3, 2);
        assertEquals(3, t.layers().get(0).z().length);
        assertEquals(3, t.layers().get(0).z()[0].length);
        assertEquals(2, t.layers().get(1).dLdW().length);
        assertEquals(3, t.layers().get(1).dLdW()[0].length);
        assertEquals(2, t.steps().size());
        assertTrue(t.steps().get(1).lossAfter() < t.loss());
    }
}
