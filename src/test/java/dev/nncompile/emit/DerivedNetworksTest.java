package dev.nncompile.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nncompile.check.CheckResult;
import dev.nncompile.check.Frontend;
import dev.nncompile.derive.Deriver;
import dev.nncompile.derive.TrainingPlan;
import dev.nncompile.model.Network;
import dev.nncompile.model.Precision;
import dev.nncompile.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plans from the real pipeline (front end, then {@link Deriver}): every spec in {@code specs/}, and seeded random
 * networks drawn over activations × losses × optimizers × regularisers, generated, compiled strictly and run.
 */
class DerivedNetworksTest {
    private static final String[] HIDDEN = {"identity", "relu", "leaky_relu(alpha = 0.1)", "elu", "gelu", "gelu_tanh",
        "sigmoid", "tanh", "softplus", "swish", "silu", "softsign", "mish", "wave"};
    private static final String[] OPTIMIZERS = {"sgd(lr = 0.1)", "momentum(lr = 0.05)", "nesterov(lr = 0.05)",
        "adam(lr = 0.01)", "adamw(lr = 0.01)", "rmsprop(lr = 0.01)"};
    private static final String[] REGULARIZERS = {"", "regularize l2(0.01)", "regularize l1(0.001)",
        "regularize l2(0.01)\n    regularize l1(0.001)"};
    /** Output layer and loss pairs the language accepts. */
    private static final String[][] OUTPUTS = {{"softmax", "cross_entropy"}, {"sigmoid", "bce"},
        {"sigmoid", "half_sse"}, {"identity", "mse"}, {"identity", "huber"}, {"tanh", "mse"},
        {"identity", "wobble"}};

    private static List<Compiled> specs;
    private static List<Compiled> random;

    static List<Network> specNetworks() throws IOException {
        List<Network> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("specs"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".nn")).sorted().toList()) {
                out.addAll(check(p.toString(), Files.readString(p)));
            }
        }
        return out;
    }

    private static List<Network> check(String path, String text) {
        CheckResult r = Frontend.check(new SourceFile(path, text));
        assertFalse(r.hasErrors(), () -> path + ": " + r.diagnostics() + "\n" + text);
        return r.networks();
    }

    /** Seeded random small networks in double precision, as spec text through the front end. */
    static List<Network> randomNetworks(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Network> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] output = OUTPUTS[random.nextInt(OUTPUTS.length)];
            int outputs = output[0].equals("softmax") ? 2 + random.nextInt(3) : 1 + random.nextInt(2);
            StringBuilder spec = new StringBuilder()
                    .append("activation mish(z) = z * tanh(softplus(z))\n")
                    .append("activation wave(z) = if z > 0 then sin(z) + z else erf(z) * cos(z)\n")
                    .append("loss wobble(p, y) = (p - y)^2 + 0.1 * abs(p - y) * exp(-(p - y)^2)\n")
                    .append("model Random").append(i).append(" {\n    input ").append(1 + random.nextInt(4)).append('\n');
            int hidden = 1 + random.nextInt(3);
            for (int h = 0; h < hidden; h++) {
                spec.append("    dense ").append(1 + random.nextInt(6)).append(' ')
                        .append(HIDDEN[random.nextInt(HIDDEN.length)]).append('\n');
            }
            spec.append("    dense ").append(outputs).append(' ').append(output[0]).append('\n')
                    .append("    loss ").append(output[1]).append('\n')
                    .append("    optimizer ").append(OPTIMIZERS[random.nextInt(OPTIMIZERS.length)]).append('\n')
                    .append("    ").append(REGULARIZERS[random.nextInt(REGULARIZERS.length)]).append('\n')
                    .append("    init normal(0, 0.8) seed ").append(i).append('\n')
                    .append("    precision double\n")
                    .append("    train { batch = ").append(1 + random.nextInt(9)).append(", epochs = 3 }\n}\n");
            out.addAll(check("random" + i + ".nn", spec.toString()));
        }
        return out;
    }

    static Network inDouble(Network n) {
        return new Network(n.name() + "Double", n.packageName(), n.span(), n.inputs(), n.layers(), n.loss(),
                n.optimizer(), n.regularizers(), n.seed(), Precision.DOUBLE, n.training());
    }

    @BeforeAll
    static void compile() throws IOException {
        List<TrainingPlan> plans = new ArrayList<>();
        for (Network n : specNetworks()) {
            plans.add(Deriver.derive(n));
            if (n.precision() == Precision.FLOAT) {
                plans.add(Deriver.derive(inDouble(n)));   // the gradient checks need double
            }
        }
        specs = Compiled.all(plans);
        List<TrainingPlan> randomPlans = new ArrayList<>();
        for (Network n : randomNetworks(20, 2026)) {
            randomPlans.add(Deriver.derive(n));
        }
        random = Compiled.all(randomPlans);
    }

    @Test
    void randomNetworksHaveExactGradients() {
        GradientChecks.assertExactOnFullBatches(random);
    }

    @Test
    void specsHaveExactGradientsInDouble() {
        GradientChecks.assertExactInDouble(specs, 4);
    }

    /**
     * The large specs, whose full {@code gradientCheck} (two passes per parameter) would take minutes: central
     * differences of the loss on 300 seeded parameters spread over every layer, weights and biases, in double.
     */
    @Test
    void largeSpecsHaveExactGradientsOnSampledParameters() {
        int checked = 0;
        for (Compiled c : specs) {
            Network net = c.plan.network();
            if (net.precision() != Precision.DOUBLE || net.parameterCount() < 30_000) {
                continue;
            }
            Samples s = Samples.of(net, 2, 11);
            Object model = c.newModel(5);
            Object x = c.array(s.x());
            Object y = c.array(s.y());
            c.computeGradients(model, x, y, s.n());
            double[] analytic = c.gradients(model);
            double[] theta = c.parameters(model);
            java.util.Random random = new java.util.Random(net.name().hashCode());
            double worst = 0;
            for (int k = 0; k < 300; k++) {
                // every tenth pick is among the last 5 % of the parameters (the output layer and the biases)
                int i = k % 10 == 0 ? theta.length - 1 - random.nextInt(theta.length / 20) : random.nextInt(theta.length);
                double saved = theta[i];
                double h = 1e-5 * Math.max(1, Math.abs(saved));
                theta[i] = saved + h;
                c.setParameters(model, theta);
                double up = c.loss(model, x, y, s.n());
                theta[i] = saved - h;
                c.setParameters(model, theta);
                double down = c.loss(model, x, y, s.n());
                theta[i] = saved;
                c.setParameters(model, theta);
                double numeric = (up - down) / (2 * h);
                double error = Math.abs(numeric - analytic[i]) / Math.max(1e-4, Math.abs(numeric) + Math.abs(analytic[i]));
                worst = Math.max(worst, error);
            }
            assertTrue(worst < 1e-6, net.name() + ": largest relative error " + worst);
            checked++;
        }
        assertTrue(checked >= 2, "checked " + checked);
    }

    @Test
    void specsAllocateNothingAfterWarmUp() {
        String[] names = {"predict", "trainBatch", "loss", "computeGradients"};
        for (Compiled c : specs) {
            Network net = c.plan.network();
            if (net.name().endsWith("Double")) {
                continue; // a double copy made for the gradient checks: the spec as declared is tested
            }
            // 10 000 calls of each, on full batches where that is quick and on one sample for the MNIST-sized
            // nets (whose full batches would take minutes): the code path, and so any allocation, is the same
            int calls = 10_000;
            boolean small = net.parameterCount() * net.training().batch() <= 500_000;
            int n = small ? net.training().batch() : 1;
            IntConsumer probe = c.newProbe(calls, n);
            IntConsumer warmUp = small ? probe : c.newProbe(1_000, n);
            for (int what = 0; what < 4; what++) {
                long allocated = AllocationMeter.leastAllocated(warmUp, probe, what);
                assertEquals(0, allocated, c.className + "." + names[what] + " allocated over " + calls + " calls of "
                        + n + " samples");
            }
        }
    }

    @Test
    void everyMethodOfEverySpecIsUnderTheJitLimit() {
        boolean sawWide = false;
        for (Compiled c : specs) {
            sawWide |= c.plan.network().parameterCount() > 500_000;
            for (Map.Entry<String, byte[]> file : c.result.classFiles().entrySet()) {
                if (file.getKey().endsWith("Probe")) {
                    continue;
                }
                ClassFileMethods.codeLengths(file.getValue()).forEach((method, size) -> assertTrue(size < 8000,
                        file.getKey() + "." + method + ": " + size + " bytes"));
            }
        }
        assertTrue(sawWide, "784-512-256-10 is among the specs");
    }

    @Test
    void derivedGenerationIsDeterministic() throws IOException {
        List<Network> nets = specNetworks();
        for (Network n : nets) {
            assertEquals(ClassGenerator.generate(Deriver.derive(n)).toString(),
                    ClassGenerator.generate(Deriver.derive(n)).toString(), n.name());
        }
    }

    @Test
    void xorSpecReachesFourOfFour() {
        Compiled c = specs.stream().filter(s -> s.plan.network().name().equals("Xor")).findFirst().orElseThrow();
        Object model = c.newModel(c.constantLong("SEED"));
        Object x = c.array(Samples.XOR_X);
        Object y = c.array(Samples.XOR_Y);
        for (int i = 0; i < 5000; i++) {
            c.trainBatch(model, x, y, 4);
        }
        assertEquals(1.0, c.accuracy(model, x, y, 4), "loss " + c.loss(model, x, y, 4));
    }
}
