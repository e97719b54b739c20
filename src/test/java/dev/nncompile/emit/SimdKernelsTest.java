package dev.nncompile.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nncompile.check.CheckResult;
import dev.nncompile.check.Frontend;
import dev.nncompile.derive.Deriver;
import dev.nncompile.derive.TrainingPlan;
import dev.nncompile.model.Network;
import dev.nncompile.model.Precision;
import dev.nncompile.source.SourceFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels ({@link Kernels#SIMD}): every spec and seeded random networks whose sizes are not multiples
 * of a vector, a register block or the padding (units 1–40, inputs 1–40, batches 1–9), compiled with
 * {@code --add-modules jdk.incubator.vector}; exact gradients, the plain kernels' results up to FMA rounding, and no
 * allocation once compiled.
 */
class SimdKernelsTest {
    private static final String[] HIDDEN = {"identity", "relu", "tanh", "sigmoid", "elu", "gelu", "softplus"};
    private static final String[][] OUTPUTS = {{"softmax", "cross_entropy"}, {"sigmoid", "bce"},
        {"identity", "mse"}, {"tanh", "half_sse"}};
    private static final String[] OPTIMIZERS = {"sgd(lr = 0.1)", "momentum(lr = 0.05)", "adam(lr = 0.01)",
        "adamw(lr = 0.01, weight_decay = 0.1)", "rmsprop(lr = 0.01)"};

    private static List<Compiled> specs;
    private static List<Compiled> plainSpecs;
    private static List<Compiled> random;

    @BeforeAll
    static void compile() throws IOException {
        List<TrainingPlan> plans = new ArrayList<>();
        for (Network n : DerivedNetworksTest.specNetworks()) {
            plans.add(Deriver.derive(n));
            if (n.precision() == Precision.FLOAT && n.parameterCount() < 30_000) {
                plans.add(Deriver.derive(DerivedNetworksTest.inDouble(n)));   // the gradient checks need double
            }
        }
        specs = Compiled.all(plans, Kernels.SIMD);
        plainSpecs = Compiled.all(plans, Kernels.PLAIN);
        List<TrainingPlan> randomPlans = new ArrayList<>();
        for (Network n : randomNetworks(16, 2031)) {
            randomPlans.add(Deriver.derive(n));
        }
        random = Compiled.all(randomPlans, Kernels.SIMD);
    }

    /** Seeded random networks in double precision with sizes around the vector lengths 4, 8 and 16. */
    private static List<Network> randomNetworks(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Network> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] output = OUTPUTS[random.nextInt(OUTPUTS.length)];
            int outputs = output[0].equals("softmax") ? 2 + random.nextInt(19) : 1 + random.nextInt(18);
            StringBuilder spec = new StringBuilder("model Wide").append(i).append(" {\n    input ")
                    .append(1 + random.nextInt(40)).append('\n');
            int hidden = 1 + random.nextInt(2);
            for (int h = 0; h < hidden; h++) {
                spec.append("    dense ").append(1 + random.nextInt(40)).append(' ')
                        .append(HIDDEN[random.nextInt(HIDDEN.length)]).append('\n');
            }
            spec.append("    dense ").append(outputs).append(' ').append(output[0]).append('\n')
                    .append("    loss ").append(output[1]).append('\n')
                    .append("    optimizer ").append(OPTIMIZERS[random.nextInt(OPTIMIZERS.length)]).append('\n')
                    .append("    init normal(0, 0.5) seed ").append(i).append('\n')
                    .append("    precision double\n")
                    .append("    train { batch = ").append(1 + random.nextInt(9)).append(", epochs = 2 }\n}\n");
            CheckResult r = Frontend.check(new SourceFile("wide" + i + ".nn", spec.toString()));
            assertTrue(!r.hasErrors(), () -> r.diagnostics() + "\n" + spec);
            out.addAll(r.networks());
        }
        return out;
    }

    @Test
    void randomNetworksHaveExactGradients() {
        GradientChecks.assertExactOnFullBatches(random);
    }

    /**
     * Rows of {@link ElementwiseRenderer#VECTOR_COLS} or more run their activations, derivative factors and
     * updates as Vector API blends and arithmetic (relu, leaky relu and Adam here, with a tail of cols % LANES
     * scalar elements): the gradients stay exact. (VectorExpressionsTest pins each lane's bits to the scalar code.)
     */
    @Test
    void wideRowsRunTheirElementwiseWorkAsVectorsWithExactGradients() {
        String spec = """
                model WideRows {
                    input 6
                    dense 72 relu
                    dense 67 leaky_relu(alpha = 0.1)
                    dense 3 softmax
                    loss cross_entropy
                    optimizer adam(lr = 0.01)
                    init normal(0, 0.5) seed 4
                    precision double
                    train { batch = 5, epochs = 2 }
                }
                """;
        CheckResult r = Frontend.check(new SourceFile("wide-rows.nn", spec));
        assertTrue(!r.hasErrors(), () -> r.diagnostics().toString());
        List<Compiled> wide = Compiled.all(List.of(Deriver.derive(r.networks().get(0))), Kernels.SIMD);
        String source = wide.get(0).source;
        assertTrue(source.contains(".blend(") && source.contains("VectorOperators.GT")
                && source.contains("SPECIES.loopBound(67)"), "no vector elementwise loops in\n" + source);
        GradientChecks.assertExactOnFullBatches(wide);
    }

    @Test
    void specsHaveExactGradientsInDouble() {
        GradientChecks.assertExactInDouble(specs, 6);
    }

    /**
     * Every spec as declared, plain and SIMD from the same seed, five training steps on the same batch: the same
     * losses and parameters up to the roundings an FMA saves (and the padding never leaks into a real unit).
     */
    @Test
    void simdTrainsLikeThePlainKernels() {
        int compared = 0;
        for (int i = 0; i < specs.size(); i++) {
            Compiled simd = specs.get(i);
            Compiled plain = plainSpecs.get(i);
            Network net = simd.plan.network();
            int n = net.parameterCount() > 200_000 ? 5 : Math.min(net.training().batch(), 13);
            Samples s = Samples.of(net, n, 17);
            Object a = simd.newModel(9);
            Object b = plain.newModel(9);
            for (int step = 0; step < 5; step++) {
                double la = simd.trainBatch(a, simd.array(s.x()), simd.array(s.y()), n);
                double lb = plain.trainBatch(b, plain.array(s.x()), plain.array(s.y()), n);
                assertEquals(lb, la, 1e-4 * Math.max(1, Math.abs(lb)), net.name() + " loss at step " + step);
            }
            double[] pa = simd.parameters(a);
            double[] pb = plain.parameters(b);
            assertEquals(pb.length, pa.length);
            double worst = 0;
            for (int k = 0; k < pa.length; k++) {
                worst = Math.max(worst, Math.abs(pa[k] - pb[k]) / Math.max(1e-2, Math.abs(pb[k])));
            }
            assertTrue(worst < 1e-3, net.name() + ": parameters differ by " + worst + " (relative)");
            compared++;
        }
        assertTrue(compared >= 8, "compared " + compared);
    }

    /**
     * A forward product over fewer than {@link VectorKernels#ROWS} samples reads the weight rows directly, a larger
     * one packs them into panels first: both add the same products in the same order, so one sample's prediction
     * and its output inside a batch agree bit for bit (every spec, float and double, and the random networks).
     */
    @Test
    void packedAndDirectProductsAgreeBitForBit() {
        int compared = 0;
        List<Compiled> all = new ArrayList<>(specs);
        all.addAll(random);
        for (Compiled c : all) {
            Network net = c.plan.network();
            int n = Math.min(net.training().batch(), 7);
            if (n < VectorKernels.ROWS) {
                continue;   // the batch never reaches the packed path
            }
            Samples s = Samples.of(net, n, 5);
            Object model = c.newModel(3);
            c.loss(model, c.array(s.x()), c.array(s.y()), n);
            Class<?>[] accessor = {int.class, int.class, c.realArray()};
            Class<?>[] predict = {c.realArray(), int.class, c.realArray()};
            int layers = c.constant("LAYERS");
            Object x = c.array(s.x());
            for (int sample = 0; sample < n; sample++) {
                Object inBatch = c.array(new double[net.outputs()]);
                c.call(model, "activations", accessor, layers, sample, inBatch);
                Object alone = c.array(new double[net.outputs()]);
                c.call(model, "predict", predict, x, sample * net.inputs(), alone);
                assertTrue(java.util.Arrays.equals(Compiled.doubles(inBatch), Compiled.doubles(alone)),
                        net.name() + " sample " + sample);
            }
            compared++;
        }
        assertTrue(compared >= 12, "compared " + compared);
    }

    @Test
    void specsAllocateNothingOnceCompiled() {
        String[] names = {"predict", "trainBatch", "loss", "computeGradients"};
        List<TrainingPlan> declared = new ArrayList<>();
        for (Compiled c : specs) {
            if (!c.plan.network().name().endsWith("Double")) {
                declared.add(c.plan);
            }
        }
        // classes of their own, whose profiles hold only this test's calls
        for (Compiled c : Compiled.all(declared, Kernels.SIMD)) {
            Network net = c.plan.network();
            boolean small = net.parameterCount() * net.training().batch() <= 500_000;
            int n = small ? net.training().batch() : 1;
            IntConsumer probe = c.newProbe(10_000, n);
            IntConsumer warmUp = small ? probe : c.newProbe(1_000, n);
            for (int what = 0; what < 4; what++) {
                AllocationMeter.warmUntilNothingAllocated(warmUp, what);
                long allocated = AllocationMeter.leastAllocated(warmUp, probe, what);
                assertEquals(0, allocated, c.className + "." + names[what] + " allocated over 10 000 calls of " + n
                        + " samples");
            }
        }
    }

    /**
     * Three threads split every product by column blocks, each element summed by one thread in the same
     * order: the same losses and parameters as one thread, bit for bit; the calling thread allocates nothing; and
     * close() stops the workers.
     */
    @Test
    void threadsGiveBitIdenticalResultsAllocateNothingAndStop() throws Exception {
        List<TrainingPlan> declared = new ArrayList<>();
        for (Compiled c : specs) {
            if (!c.plan.network().name().endsWith("Double") && c.plan.network().parameterCount() < 30_000) {
                declared.add(c.plan);
            }
        }
        declared.add(random.get(3).plan);
        List<Compiled> one = Compiled.all(declared, Kernels.SIMD);
        for (int threads : new int[] {3}) {   // three: the column blocks do not split evenly
            List<Compiled> many = Compiled.all(declared, Kernels.SIMD.withThreads(threads));
            for (int i = 0; i < declared.size(); i++) {
                Compiled a = one.get(i);
                Compiled b = many.get(i);
                Network net = a.plan.network();
                assertEquals(threads, b.constant("THREADS"), net.name());
                int n = Math.min(net.training().batch(), 9);
                Samples s = Samples.of(net, n, 23);
                Object ma = a.newModel(4);
                Object mb = b.newModel(4);
                for (int step = 0; step < 3; step++) {
                    assertEquals(a.trainBatch(ma, a.array(s.x()), a.array(s.y()), n),
                            b.trainBatch(mb, b.array(s.x()), b.array(s.y()), n), net.name() + " step " + step);
                }
                assertTrue(java.util.Arrays.equals(a.parameters(ma), b.parameters(mb)), net.name() + " on " + threads
                        + " threads");
                ((AutoCloseable) mb).close();
            }
            Compiled first = many.get(0);
            IntConsumer probe = first.newProbe(500, first.constant("MAX_BATCH"));
            AllocationMeter.warmUntilNothingAllocated(probe, 1);
            assertEquals(0, AllocationMeter.leastAllocated(probe, 1), first.className + ".trainBatch on " + threads
                    + " threads allocated on the calling thread over 500 calls");
        }
    }

    /**
     * A product goes to the workers only from {@link ParallelCalls#PARALLEL_WORK} multiply-adds per call: a
     * 250-input, 256-unit layer reaches it from 17 samples (its 64 000-weight update stays under
     * {@link ParallelCalls#PARALLEL_ELEMENTS}, so only products can dispatch). Over 24 samples the workers compute
     * (the pool's dispatch count moves), over 16 they are never woken; both give the one-thread class's bits.
     */
    @Test
    void productsGoToTheWorkersOnlyAboveTheThreshold() throws Exception {
        TrainingPlan plan = adamNetwork("Mid", 250, 24, "0.01", 2);
        assertEquals(17, (ParallelCalls.PARALLEL_WORK + 250 * 256 - 1) / (250 * 256), "the threshold moved");
        assertTrue(250 * 256 < ParallelCalls.PARALLEL_ELEMENTS, "the update would dispatch too");
        Compiled one = Compiled.all(List.of(plan), Kernels.SIMD).get(0);
        Compiled three = Compiled.all(List.of(plan), Kernels.SIMD.withThreads(3)).get(0);
        for (int n : new int[] {24, 16}) {
            int dispatched = trainAlike(one, three, n, 2);
            if (n >= 17) {
                assertTrue(dispatched >= 4, "n = " + n + ": " + dispatched + " products dispatched over two steps");
            } else {
                assertEquals(0, dispatched, "n = " + n + ": products under the threshold went to the workers");
            }
        }
        assertNothingAllocatedOnAnyThread(three.newProbe(500, 24), "Mid.trainBatch of 24 samples on 3 threads");
    }

    /**
     * A weight update of at least {@link ParallelCalls#PARALLEL_ELEMENTS} elements is split by rows whatever the
     * batch: a 300 × 256 Adam update (w, m and v) over 8 samples, where no product reaches its threshold, is the one
     * dispatch of each step, taken in chunks by three threads; parameters equal the one-thread class's bit for bit.
     */
    @Test
    void largeUpdatesGoToTheWorkersByRows() throws Exception {
        TrainingPlan plan = adamNetwork("Wide", 300, 8, "0.01", 2);
        assertTrue(300 * 256 >= ParallelCalls.PARALLEL_ELEMENTS && 256 * 10 < ParallelCalls.PARALLEL_ELEMENTS);
        assertTrue(8 * 300 * 256 < ParallelCalls.PARALLEL_WORK, "a product would dispatch too");
        Compiled one = Compiled.all(List.of(plan), Kernels.SIMD).get(0);
        Compiled three = Compiled.all(List.of(plan), Kernels.SIMD.withThreads(3)).get(0);
        assertTrue(three.source.contains("private void updateW1Rows(int n, int from, int to)"), "a row-range method");
        assertTrue(!three.source.contains("updateW2Rows"), "the 2 560-element update is not worth splitting");
        assertEquals(5, trainAlike(one, three, 8, 5), "one dispatch per step");
        assertNothingAllocatedOnAnyThread(three.newProbe(500, 8), "Wide.trainBatch of 8 samples on 3 threads");
    }

    /**
     * The chunk hand-off under churn: 300 steps of every batch size from 1 to 24 on three threads (products
     * dispatched from 17 samples, the 76 800-element update at every step, parked and spinning workers alike) give
     * the one-thread class's loss at every step and its parameters at the end, bit for bit.
     */
    @Test
    void manyParallelCallsOfEverySizeStayBitIdentical() throws Exception {
        TrainingPlan plan = adamNetwork("Churn", 300, 24, "0.001", 5);
        Compiled one = Compiled.all(List.of(plan), Kernels.SIMD).get(0);
        Compiled three = Compiled.all(List.of(plan), Kernels.SIMD.withThreads(3)).get(0);
        Samples s = Samples.of(plan.network(), 24, 41);
        Object a = one.newModel(8);
        Object b = three.newModel(8);
        for (int step = 0; step < 300; step++) {
            int n = 1 + step * 7 % 24;
            assertEquals(one.trainBatch(a, one.array(s.x()), one.array(s.y()), n),
                    three.trainBatch(b, three.array(s.x()), three.array(s.y()), n), "step " + step + ", n = " + n);
        }
        assertTrue(java.util.Arrays.equals(one.parameters(a), three.parameters(b)));
        assertTrue(dispatched(b) > 300, dispatched(b) + " parallel calls");
        ((AutoCloseable) b).close();
    }

    /**
     * Neither the calling thread nor any worker allocates over 500 trainBatch calls of the probe (after warm-up; the
     * least of three runs, as {@link AllocationMeter} does for the caller).
     */
    private static void assertNothingAllocatedOnAnyThread(IntConsumer probe, String what) throws Exception {
        AllocationMeter.warmUntilNothingAllocated(probe, 1);
        assertEquals(0, AllocationMeter.leastAllocated(probe, 1), what + " allocated on the calling thread");
        com.sun.management.ThreadMXBean bean =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long[] ids = java.util.Arrays.stream(workers(field(probe, "model"))).mapToLong(Thread::getId).toArray();
        long least = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3 && least > 0; attempt++) {
            long before = java.util.Arrays.stream(bean.getThreadAllocatedBytes(ids)).sum();
            probe.accept(1);
            least = Math.min(least, java.util.Arrays.stream(bean.getThreadAllocatedBytes(ids)).sum() - before);
        }
        assertEquals(0, least, what + " allocated on the " + ids.length + " workers");
    }

    /** inputs → 256 relu → 10 softmax, cross-entropy, Adam: the networks of the thread tests. */
    private static TrainingPlan adamNetwork(String name, int inputs, int batch, String lr, int seed) {
        String spec = "model " + name + " {\n    input " + inputs + "\n    dense 256 relu\n    dense 10 softmax\n"
                + "    loss cross_entropy\n    optimizer adam(lr = " + lr + ")\n    init he seed " + seed + "\n"
                + "    train { batch = " + batch + ", epochs = 1 }\n}\n";
        CheckResult r = Frontend.check(new SourceFile("spec.nn", spec));
        assertTrue(!r.hasErrors(), r.diagnostics()::toString);
        return Deriver.derive(r.networks().get(0));
    }

    /**
     * Trains fresh models of both classes on the same n samples for some steps: equal losses and parameters, bit
     * for bit. Returns the many-thread model's parallel calls.
     */
    private static int trainAlike(Compiled one, Compiled many, int n, int steps) throws Exception {
        Samples s = Samples.of(one.plan.network(), n, 31);
        Object a = one.newModel(6);
        Object b = many.newModel(6);
        for (int step = 0; step < steps; step++) {
            assertEquals(one.trainBatch(a, one.array(s.x()), one.array(s.y()), n),
                    many.trainBatch(b, many.array(s.x()), many.array(s.y()), n), "n = " + n + ", step " + step);
        }
        assertTrue(java.util.Arrays.equals(one.parameters(a), many.parameters(b)), "n = " + n);
        int calls = dispatched(b);
        ((AutoCloseable) b).close();
        return calls;
    }

    @Test
    void closeStopsTheWorkers() throws Exception {
        Compiled c = Compiled.all(List.of(adamNetwork("Wide", 300, 8, "0.01", 2)), Kernels.SIMD.withThreads(3)).get(0);
        Object model = c.newModel(1);
        Thread[] workers = workers(model);
        assertEquals(2, workers.length);
        for (Thread t : workers) {
            assertTrue(t.isAlive() && t.isDaemon(), t.getName());
            assertTrue(t.getName().startsWith(c.plan.network().name() + "-worker-"), t.getName());
        }
        ((AutoCloseable) model).close();
        for (Thread t : workers) {
            t.join(10_000);
            assertTrue(!t.isAlive(), t.getName() + " still runs after close()");
        }
    }

    /**
     * A network none of whose products or updates reaches a threshold (xor, and seed-mnist at its batch of 10) starts
     * no worker threads on --threads 3: they would only spin and park. It still trains like one thread, bit for bit.
     */
    @Test
    void networksWithNothingToSplitStartNoWorkers() throws Exception {
        List<TrainingPlan> small = new ArrayList<>();
        for (Compiled c : specs) {
            String name = c.plan.network().name();
            if (name.equals("Xor") || name.equals("Mnist")) {
                small.add(c.plan);
            }
        }
        assertEquals(2, small.size(), "the xor and seed-mnist specs");
        List<Compiled> ones = Compiled.all(small, Kernels.SIMD);
        List<Compiled> threes = Compiled.all(small, Kernels.SIMD.withThreads(3));
        for (int i = 0; i < small.size(); i++) {
            Compiled c = threes.get(i);
            assertEquals(3, c.constant("THREADS"), c.className);
            Object model = c.newModel(1);
            assertEquals(0, workers(model).length, c.className + " started workers with nothing to split");
            ((AutoCloseable) model).close();
            assertEquals(0, trainAlike(ones.get(i), c, c.plan.network().training().batch(), 3), c.className);
        }
    }

    /** The worker threads of a model of a --threads class. */
    private static Thread[] workers(Object model) throws ReflectiveOperationException {
        return (Thread[]) field(model, "workers");
    }

    /** The parallel calls a model of a --threads class has dispatched so far. */
    private static int dispatched(Object model) throws ReflectiveOperationException {
        return (Integer) field(model, "dispatched");
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        java.lang.reflect.Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
    }

    @Test
    void everyMethodIsUnderTheJitLimit() {
        for (Compiled c : specs) {
            for (Map.Entry<String, byte[]> file : c.result.classFiles().entrySet()) {
                if (!file.getKey().endsWith("Probe")) {
                    ClassFileMethods.codeLengths(file.getValue()).forEach((method, size) -> assertTrue(size < 8000,
                            file.getKey() + "." + method + ": " + size + " bytes"));
                }
            }
        }
    }

    @Test
    void simdGenerationIsDeterministicAndDiffersFromPlain() throws IOException {
        for (Network n : DerivedNetworksTest.specNetworks()) {
            String simd = ClassGenerator.generate(Deriver.derive(n), Kernels.SIMD).toString();
            assertEquals(ClassGenerator.generate(Deriver.derive(n), Kernels.SIMD).toString(), simd, n.name());
            assertTrue(simd.contains("import jdk.incubator.vector."), n.name());
            assertTrue(!ClassGenerator.generate(Deriver.derive(n)).toString().contains("jdk.incubator"), n.name());
        }
    }
}
