package dev.nncompile.emit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nncompile.derive.TrainingPlan;
import dev.nncompile.model.Init;
import dev.nncompile.model.Loss;
import dev.nncompile.model.Network;
import dev.nncompile.model.Precision;
import dev.nncompile.model.Regularizer;
import dev.nncompile.model.StopRule;
import dev.nncompile.model.Training;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hand-built plans, generated, compiled with -Xlint:all -Werror --release 17, and run. */
class GeneratedClassTest {
    private static final Init NORMAL = new Init(Init.Kind.NORMAL, 0, 1);
    private static List<Compiled> models;
    private static Compiled small;
    private static Compiled classifier;
    private static Compiled xor;
    private static Compiled floatNet;
    private static Compiled deep;

    static List<TrainingPlan> plans() {
        List<TrainingPlan> plans = new ArrayList<>();
        List<HandPlans.Act> smallActs = List.of(HandPlans.sigmoid(), HandPlans.sigmoid());
        plans.add(HandPlans.plan(HandPlans.network("Small", 2, List.of(3, 1), smallActs,
                HandPlans.loss(Loss.Kind.HALF_SSE), HandPlans.sgd(3.0), List.of(), Precision.DOUBLE, 4, NORMAL),
                smallActs));
        List<HandPlans.Act> classifierActs = List.of(HandPlans.relu(), HandPlans.SOFTMAX);
        plans.add(HandPlans.plan(HandPlans.network("Classifier", 2, List.of(4, 3), classifierActs,
                HandPlans.loss(Loss.Kind.CROSS_ENTROPY), HandPlans.adam(0.01),
                List.of(new Regularizer(Regularizer.Kind.L2, 1e-3)), Precision.DOUBLE, 5,
                new Init(Init.Kind.HE_NORMAL, 0, 0)), classifierActs));
        List<HandPlans.Act> xorActs = List.of(HandPlans.tanh(), HandPlans.sigmoid());
        plans.add(HandPlans.plan(HandPlans.network("Xor", 2, List.of(4, 1), xorActs, HandPlans.loss(Loss.Kind.BCE),
                HandPlans.sgd(0.5), List.of(), Precision.FLOAT, 4, new Init(Init.Kind.XAVIER_UNIFORM, 0, 0)),
                xorActs));
        List<HandPlans.Act> floatActs = List.of(HandPlans.swish(), HandPlans.identity());
        plans.add(HandPlans.plan(HandPlans.network("FloatNet", 3, List.of(5, 2), floatActs,
                HandPlans.loss(Loss.Kind.MSE), HandPlans.momentum(0.05, true),
                List.of(new Regularizer(Regularizer.Kind.L1, 1e-3)), Precision.FLOAT, 6,
                new Init(Init.Kind.UNIFORM, -0.5, 0.5)), floatActs));
        List<HandPlans.Act> deepActs = List.of(HandPlans.gelu(), HandPlans.softplus(), HandPlans.leakyRelu(),
                HandPlans.SOFTMAX);
        plans.add(HandPlans.plan(HandPlans.network("Deep", 4, List.of(6, 5, 20, 3), deepActs,
                HandPlans.loss(Loss.Kind.CROSS_ENTROPY), HandPlans.rmsprop(0.01),
                List.of(new Regularizer(Regularizer.Kind.L2, 1e-2), new Regularizer(Regularizer.Kind.L1, 1e-3)),
                Precision.DOUBLE, 11, new Init(Init.Kind.XAVIER_NORMAL, 0, 0)), deepActs));
        List<HandPlans.Act> stopperActs = List.of(HandPlans.tanh(), HandPlans.SOFTMAX);
        Network stopper = HandPlans.network("Stopper", 2, List.of(4, 2), stopperActs,
                HandPlans.loss(Loss.Kind.CROSS_ENTROPY), HandPlans.adam(0.01), List.of(), Precision.DOUBLE, 3, NORMAL);
        plans.add(HandPlans.plan(HandPlans.withTraining(stopper, new Training(3, 50, true, 0,
                List.of(new StopRule.LossDeltaBelow(1e9), new StopRule.Patience(1)))), stopperActs));
        List<HandPlans.Act> divergeActs = List.of(HandPlans.identity(), HandPlans.identity());
        Network diverge = HandPlans.network("Diverge", 2, List.of(3, 1), divergeActs, HandPlans.loss(Loss.Kind.MSE),
                HandPlans.sgd(1e3), List.of(), Precision.FLOAT, 2, NORMAL);
        plans.add(HandPlans.plan(HandPlans.withTraining(diverge, new Training(2, 1000, false, 0,
                List.of(new StopRule.GradientNormBelow(1e-30)))), divergeActs));
        return plans;
    }

    private static Object fit(Compiled c, Object model, Samples train, Samples validation) {
        Class<?> listener = c.load(c.className + "$TrainingListener");
        Class<?> real = c.realArray();
        return c.call(model, "fit", new Class<?>[] {real, real, int.class, real, real, int.class, listener},
                c.array(train.x()), c.array(train.y()), train.n(), c.array(validation.x()),
                c.array(validation.y()), validation.n(), null);
    }

    private static Object component(Object record, String name) {
        try {
            return record.getClass().getMethod(name).invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void smallLayersAreWrittenOutTermByTermAndLargerOnesLooped() {
        // Deep is 4 → 6 → 5 → 20 → 3: every layer has at most 64 weights but the third (5 × 20 = 100)
        String source = deep.source;
        assertTrue(source.contains("z1[s][j] = b1[j] + Σk w1[j][k]·x[s][k], written out term by term (4 × 6"),
                source);
        assertTrue(source.contains("z4[s][j] = b4[j] + Σk w4[j][k]·a3[s][k], written out term by term (20 × 3"),
                source);
        assertTrue(source.contains("z3[s][j] = b3[j] + Σk w3[j][k]·a2[s][k], 8 samples per block"), source);
        assertTrue(source.contains("d1[s][k] = Σj d2[s][j]·w2[j][k], written out term by term (6 × 5 weights)"),
                source);
        assertTrue(source.contains("d2 = (w3ᵀ·d3) ⊙ f′: the product as axpy loops"), source);
        assertFalse(source.contains("(5 × 20 weights"), source);
    }

    @Test
    void fitStopsByTheSpecsRules() {
        Compiled stopper = models.get(5);
        Samples data = Samples.of(stopper.plan.network(), 10, 1);
        Object result = fit(stopper, stopper.newModel(1), data, Samples.of(stopper.plan.network(), 4, 2));
        assertEquals("LOSS_DELTA", component(result, "reason").toString(), result.toString());
        assertEquals(2, component(result, "epochs"));
        assertTrue(Double.isFinite((Double) component(result, "bestValidationLoss")));
        Object epochs = fit(xor, xor.newModel(1), new Samples(Samples.XOR_X, Samples.XOR_Y, 4),
                new Samples(new double[0], new double[0], 0));
        assertEquals("EPOCHS", component(epochs, "reason").toString());
        assertEquals(100, component(epochs, "epochs"));
        assertTrue(Double.isNaN((Double) component(epochs, "bestValidationLoss")));
    }

    @Test
    void fitStopsOnDivergenceWithFiniteWeights() {
        Compiled diverge = models.get(6);
        Samples data = Samples.of(diverge.plan.network(), 8, 3);
        Object model = diverge.newModel(1);
        Object result = fit(diverge, model, new Samples(scaled(data.x(), 100), scaled(data.y(), 100), 8),
                new Samples(new double[0], new double[0], 0));
        assertEquals("DIVERGED", component(result, "reason").toString(), result.toString());
        assertTrue((Integer) component(result, "divergedEpoch") >= 1);
        assertTrue((Integer) component(result, "divergedBatch") >= 1);
        for (double p : diverge.parameters(model)) {
            assertTrue(Double.isFinite(p), "restored weights must be finite: " + p);
        }
    }

    private static double[] scaled(double[] v, double f) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= f;
        }
        return out;
    }

    @BeforeAll
    static void compile() {
        models = Compiled.all(plans());
        small = models.get(0);
        classifier = models.get(1);
        xor = models.get(2);
        floatNet = models.get(3);
        deep = models.get(4);
    }

    @Test
    void analyticGradientsMatchCentralDifferencesInDouble() {
        for (Compiled c : List.of(small, classifier, deep)) {
            Network net = c.plan.network();
            Samples s = Samples.of(net, net.training().batch(), 11);
            Object model = c.newModel(3);
            double error = c.gradientCheck(model, c.array(s.x()), c.array(s.y()), s.n());
            assertTrue(error < 1e-6, net.name() + ": gradient check error " + error);
        }
    }

    @Test
    void gradientCheckIsLooseButSaneInFloat() {
        for (Compiled c : List.of(xor, floatNet)) {
            Network net = c.plan.network();
            Samples s = Samples.of(net, net.training().batch(), 12);
            double error = c.gradientCheck(c.newModel(3), c.array(s.x()), c.array(s.y()), s.n());
            assertTrue(error < 2e-2, net.name() + ": float gradient check error " + error);
        }
    }

    @Test
    void hotMethodsAllocateNothingAfterWarmUp() {
        String[] names = {"predict", "trainBatch", "loss", "computeGradients"};
        for (Compiled c : models) {
            IntConsumer probe = c.newProbe();
            for (int what = 0; what < 4; what++) {
                long allocated = AllocationMeter.leastAllocated(probe, what);
                assertEquals(0, allocated, c.className + "." + names[what] + " allocated over 10 000 calls");
            }
        }
    }

    @Test
    void everyMethodIsUnderTheJitLimit() {
        for (Compiled c : models) {
            for (Map.Entry<String, byte[]> file : c.result.classFiles().entrySet()) {
                if (!file.getKey().startsWith(c.className) || file.getKey().endsWith("Probe")) {
                    continue;
                }
                Map<String, Integer> sizes = ClassFileMethods.codeLengths(file.getValue());
                assertFalse(sizes.isEmpty());
                sizes.forEach((method, size) -> assertTrue(size < 8000, file.getKey() + "." + method + ": " + size
                        + " bytes of bytecode"));
            }
        }
    }

    @Test
    void generationIsDeterministic() {
        List<TrainingPlan> again = plans();
        for (int i = 0; i < models.size(); i++) {
            assertEquals(models.get(i).source, ClassGenerator.generate(again.get(i)).toString());
        }
    }

    @Test
    void sameSeedSameWeightsAndTraining() {
        Object a = classifier.newModel(99);
        Object b = classifier.newModel(99);
        assertArrayEquals(classifier.parameters(a), classifier.parameters(b));
        assertFalse(Arrays.equals(classifier.parameters(a), classifier.parameters(classifier.newModel(100))));
        Samples s = Samples.of(classifier.plan.network(), 5, 4);
        for (int i = 0; i < 20; i++) {
            assertEquals(classifier.trainBatch(a, classifier.array(s.x()), classifier.array(s.y()), 5),
                    classifier.trainBatch(b, classifier.array(s.x()), classifier.array(s.y()), 5));
        }
        assertArrayEquals(classifier.parameters(a), classifier.parameters(b));
    }

    @Test
    void trainingReducesTheLoss() {
        for (Compiled c : models) {
            Network net = c.plan.network();
            if (net.name().equals("Diverge")) {
                continue;   // built to diverge
            }
            Samples s = Samples.of(net, net.training().batch(), 5);
            Object model = c.newModel(1);
            Object x = c.array(s.x());
            Object y = c.array(s.y());
            double first = c.loss(model, x, y, s.n());
            double trained = first;
            for (int i = 0; i < 300; i++) {
                trained = c.trainBatch(model, x, y, s.n());
            }
            assertTrue(trained < first, net.name() + ": loss " + first + " → " + trained);
        }
    }

    @Test
    void xorReachesFourOfFourInFiveThousandSteps() {
        Object model = xor.newModel(xor.constantLong("SEED"));
        Object x = xor.array(Samples.XOR_X);
        Object y = xor.array(Samples.XOR_Y);
        for (int i = 0; i < 5000; i++) {
            xor.trainBatch(model, x, y, 4);
        }
        assertEquals(1.0, xor.accuracy(model, x, y, 4), "loss " + xor.loss(model, x, y, 4));
    }

    @Test
    void batchSizeOutsideOneToMaxBatchIsRejected() {
        Object model = small.newModel(1);
        Object x = small.array(new double[10 * 2]);
        Object y = small.array(new double[10]);
        assertThrows(IllegalArgumentException.class, () -> small.trainBatch(model, x, y, 0));
        assertThrows(IllegalArgumentException.class, () -> small.trainBatch(model, x, y, 5));
        assertThrows(IllegalArgumentException.class, () -> small.loss(model, x, y, 5));
    }

    @Test
    void weightsRoundTripThroughSafetensors() {
        for (Compiled c : models) {
            Object a = c.newModel(1);
            Object b = c.newModel(2);
            byte[] bytes = c.writeWeights(a);
            assertEquals(null, c.readWeights(b, bytes));
            assertArrayEquals(c.parameters(a), c.parameters(b), c.className);
        }
    }

    @Test
    void safetensorsLayoutIsPyTorchs() {
        Object model = small.newModel(1);
        byte[] bytes = small.writeWeights(model);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = (int) buffer.getLong(0);
        assertEquals(0, headerLength % 8);
        String header = new String(bytes, 8, headerLength, StandardCharsets.UTF_8);
        assertTrue(header.contains("\"layers.0.weight\":{\"dtype\":\"F64\",\"shape\":[3,2],\"data_offsets\":[0,48]}"),
                header);
        assertTrue(header.contains("\"layers.1.bias\":{\"dtype\":\"F64\",\"shape\":[1]"), header);
        double[] parameters = small.parameters(model);
        // parameters() and the file share the layout: W row-major [units][inputs], then b, layer by layer
        for (int i = 0; i < parameters.length; i++) {
            assertEquals(parameters[i], buffer.getDouble(8 + headerLength + 8 * i));
        }
        double[] w = new double[6];
        small.call(model, "weights", new Class<?>[] {int.class, double[].class}, 1, w);
        assertArrayEquals(Arrays.copyOf(parameters, 6), w);
        assertEquals(8 + headerLength + 8 * parameters.length, bytes.length);
    }

    @Test
    void readWeightsRejectsDamageAndLeavesTheModelUntouched() {
        Object source = floatNet.newModel(1);
        Object target = floatNet.newModel(2);
        double[] before = floatNet.parameters(target);
        byte[] good = floatNet.writeWeights(source);
        int headerLength = (int) ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        String header = new String(good, 8, headerLength, StandardCharsets.UTF_8);
        List<byte[]> damaged = new ArrayList<>();
        damaged.add(Arrays.copyOf(good, good.length - 1));                       // truncated data
        damaged.add(Arrays.copyOf(good, 20));                                    // truncated header
        damaged.add(new byte[3]);                                                // no header length
        damaged.add(withHeader(good, header.replace("F32", "F64")));              // wrong dtype
        damaged.add(withHeader(good, header.replace("\"shape\":[5,3]", "\"shape\":[3,5]")));   // wrong shape
        damaged.add(withHeader(good, header.replace("layers.1.bias", "layers.9.bias")));       // wrong name
        damaged.add(withHeader(good, header.replace("{\"__metadata__\"", "[\"__metadata__\"")));  // not JSON
        damaged.add(withHeader(good, header.replace("\"data_offsets\":[0,", "\"data_offsets\":[4,")));
        byte[] huge = good.clone();
        huge[7] = 0x7f;                                                          // absurd header length
        damaged.add(huge);
        for (byte[] bad : damaged) {
            String message = floatNet.readWeights(target, bad);
            assertNotNull(message, "accepted damaged stream of " + bad.length + " bytes");
            assertTrue(message.startsWith("safetensors: "), message);
            assertArrayEquals(before, floatNet.parameters(target), "model changed by a failed read: " + message);
        }
    }

    private static byte[] withHeader(byte[] file, String header) {
        int oldLength = (int) ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + h.length + file.length - 8 - oldLength).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(h.length).put(h).put(file, 8 + oldLength, file.length - 8 - oldLength);
        return out.array();
    }

    @Test
    void accessorsShowTheLastBatch() {
        Compiled c = small;
        Object model = c.newModel(1);
        Samples s = Samples.of(c.plan.network(), 4, 9);
        c.call(model, "computeGradients", new Class<?>[] {double[].class, double[].class, int.class},
                s.x(), s.y(), 4);
        double[] a0 = new double[2];
        c.call(model, "activations", new Class<?>[] {int.class, int.class, double[].class}, 0, 2, a0);
        assertArrayEquals(Arrays.copyOfRange(s.x(), 4, 6), a0);
        double[] z1 = new double[3];
        double[] a1 = new double[3];
        c.call(model, "preActivations", new Class<?>[] {int.class, int.class, double[].class}, 1, 2, z1);
        c.call(model, "activations", new Class<?>[] {int.class, int.class, double[].class}, 1, 2, a1);
        double[] w = new double[6];
        double[] b = new double[3];
        c.call(model, "weights", new Class<?>[] {int.class, double[].class}, 1, w);
        c.call(model, "bias", new Class<?>[] {int.class, double[].class}, 1, b);
        for (int j = 0; j < 3; j++) {
            double z = b[j] + w[2 * j] * a0[0] + w[2 * j + 1] * a0[1];
            assertEquals(z, z1[j], 1e-12);
            assertEquals(1 / (1 + Math.exp(-z)), a1[j], 1e-12);
        }
        // gradients() = the per-layer gradients in the parameters() layout
        double[] g = c.gradients(model);
        double[] gw = new double[6];
        c.call(model, "weightGradient", new Class<?>[] {int.class, double[].class}, 1, gw);
        assertArrayEquals(Arrays.copyOf(g, 6), gw);
        assertEquals(3, (Integer) c.call(null, "units", new Class<?>[] {int.class}, 1));
        assertThrows(IllegalArgumentException.class,
                () -> c.call(model, "deltas", new Class<?>[] {int.class, int.class, double[].class}, 0, 0, a0));
    }
}
