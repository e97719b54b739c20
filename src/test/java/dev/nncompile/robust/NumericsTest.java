package dev.nncompile.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nncompile.compiler.CompiledModel;
import dev.nncompile.derive.Step;
import dev.nncompile.derive.TrainingPlan;
import dev.nncompile.emit.ClassGenerator;
import dev.nncompile.sym.Exprs;
import dev.nncompile.train.InMemoryCompiler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, point 4, through generated classes in float and double: every built-in activation and loss keeps the
 * loss and every gradient finite when the logits reach ±800 and at subnormal inputs, and {@code gradientCheck}
 * catches a derivative planted wrong in the training plan. (Divergence during {@code fit} through the CLI is
 * covered by TrainCommandTest#aDivergingRunStopsNamingEpochAndBatchAndKeepsFiniteWeights.)
 */
class NumericsTest {
    /** Every built-in activation but softmax, each a layer of a chain: the last one is the output (with mse). */
    static final List<String> ACTIVATIONS = List.of("identity", "relu", "leaky_relu", "elu", "gelu", "gelu_tanh",
            "sigmoid", "tanh", "softplus", "swish", "silu", "softsign");

    /** Output activation and loss pairs beyond the chain's mse, each a single layer whose logits are the inputs. */
    static final List<String[]> HEADS = List.of(new String[] {"softmax", "cross_entropy"},
            new String[] {"sigmoid", "bce"}, new String[] {"identity", "huber"}, new String[] {"identity", "half_sse"},
            new String[] {"softplus", "mse"}, new String[] {"tanh", "huber(delta = 0.5)"});

    @Test
    void everyActivationAndLossStaysFiniteAtPlusMinus800AndSubnormals() throws Exception {
        for (String precision : List.of("float", "double")) {
            String p = precision.substring(0, 1).toUpperCase();
            List<CompiledModel> models = new ArrayList<>();
            StringBuilder chain = new StringBuilder("model Chain" + p + " {\n    input 2\n");
            for (String a : ACTIVATIONS) {
                chain.append("    dense 2 ").append(a).append("\n");
            }
            chain.append("    loss mse\n    optimizer sgd(lr = 0.1)\n    precision ").append(precision).append("\n}\n");
            models.add(Pipeline.accept(chain.toString()));
            for (int h = 0; h < HEADS.size(); h++) {
                models.add(Pipeline.accept("model Head" + p + h + " {\n    input 2\n    dense 2 " + HEADS.get(h)[0]
                        + "\n    loss " + HEADS.get(h)[1] + "\n    optimizer sgd(lr = 0.1)\n    precision " + precision
                        + "\n}\n"));
            }
            InMemoryCompiler.Result javac = Pipeline.javac(models);
            assertTrue(javac.success(), () -> String.join("\n", javac.diagnostics()));
            boolean isFloat = precision.equals("float");
            double subnormal = isFloat ? 1e-40 : 1e-310;
            // samples: (800, −800), (−800, 800), two subnormals, zeros; one-hot targets (valid for every loss)
            double[] x = {800, -800, -800, 800, subnormal, -subnormal, 0, 0};
            double[] y = {1, 0, 0, 1, 1, 0, 0, 1};
            checkChain(new Reflective(javac.load("Chain" + p), 1), x, y, precision);
            for (int h = 0; h < HEADS.size(); h++) {
                Reflective head = new Reflective(javac.load("Head" + p + h), 1);
                head.setParameters(new double[] {1, 0, 0, 1, 0, 0}); // logits = inputs
                assertFinite(head, x, y, precision + " " + String.join("+", HEADS.get(h)));
            }
        }
    }

    /**
     * Each layer's weights are set so that its pre-activations are exactly ±800 for the first two samples, whatever
     * the previous activation did to them (w = 1600 / (a⁺ − a⁻), b = 800 − w·a⁺ per unit); then again with identity
     * weights so that subnormal inputs travel through every activation.
     */
    private static void checkChain(Reflective model, double[] x, double[] y, String precision) throws Exception {
        int layers = ACTIVATIONS.size();
        double[] params = new double[6 * layers];
        for (int l = 0; l < layers; l++) {
            System.arraycopy(new double[] {1, 0, 0, 1, 0, 0}, 0, params, 6 * l, 6);
        }
        model.setParameters(params);
        for (int l = 1; l < layers; l++) {
            model.computeGradients(x, y, 4);
            // sample 0: unit 0 saw +800 and unit 1 −800 (sample 1 the other way round), so a⁺ = a[0], a⁻ = a[1];
            // the next layer's diagonal w and bias b map a⁺ to +800 and a⁻ to −800 on both units
            double[] a = model.activations(l, 0, 2);
            double w = 1600 / (a[0] - a[1]);
            double b = 800 - w * a[0];
            System.arraycopy(new double[] {w, 0, 0, w, b, b}, 0, params, 6 * l, 6);
            model.setParameters(params);
        }
        model.computeGradients(x, y, 4);
        for (int l = 1; l <= layers; l++) {
            double[] z = new double[2];
            Object out = model.array(z);
            model.call("preActivations", l, 0, out);
            z = Reflective.doubles(out);
            assertEquals(800, z[0], 1e-2 * 800, precision + " layer " + l + " z = " + Arrays.toString(z));
            assertEquals(-800, z[1], 1e-2 * 800, precision + " layer " + l + " z = " + Arrays.toString(z));
        }
        assertFinite(model, x, y, precision + " chain, logits ±800");
        for (int l = 0; l < layers; l++) {
            System.arraycopy(new double[] {1, 0, 0, 1, 0, 0}, 0, params, 6 * l, 6);
        }
        model.setParameters(params);
        double[] tiny = {x[4], x[5], x[5], x[4], x[4], x[4], x[5], x[5]};
        assertFinite(model, tiny, y, precision + " chain, subnormal inputs");
    }

    private static void assertFinite(Reflective model, double[] x, double[] y, String what) throws Exception {
        double loss = model.computeGradients(x, y, 4);
        assertTrue(Double.isFinite(loss), what + ": loss " + loss);
        assertTrue(Double.isFinite(model.loss(x, y, 4)), what + ": loss()");
        double[] g = model.gradients();
        for (int i = 0; i < g.length; i++) {
            assertTrue(Double.isFinite(g[i]), what + ": gradient " + i + " = " + g[i] + " in " + Arrays.toString(g));
        }
    }

    /**
     * A derivative planted wrong in the plan (the hidden layer's backprop factor doubled, or replaced by 1) makes
     * {@code gradientCheck} report a large error, while the true plan checks to about 1e-9 in double.
     */
    @Test
    void gradientCheckFlagsAPlantedWrongDerivative() throws Exception {
        CompiledModel good = Pipeline.accept("model Planted { input 3 dense 4 tanh dense 2 softplus dense 1 sigmoid"
                + " loss bce optimizer sgd(lr = 0.1) precision double seed 5 }");
        TrainingPlan plan = good.plan();
        List<TrainingPlan> plans = new ArrayList<>(List.of(plan));
        int deltas = 0;
        for (int i = 0; i < plan.backward().size(); i++) {
            if (plan.backward().get(i) instanceof Step.BackpropDelta d) {
                deltas++;
                Step wrongScale = new Step.BackpropDelta(d.delta(), d.weight(), d.next(),
                        Exprs.mul(Exprs.TWO, d.factor()), d.operands());
                Step wrongOne = new Step.BackpropDelta(d.delta(), d.weight(), d.next(), Exprs.ONE, d.operands());
                plans.add(withBackward(plan, i, wrongScale));
                plans.add(withBackward(plan, i, wrongOne));
            }
        }
        assertEquals(2, deltas, "two hidden layers, two backprop steps");
        List<String> names = new ArrayList<>();
        java.util.Map<String, String> sources = new java.util.TreeMap<>();
        for (int k = 0; k < plans.size(); k++) {
            String source = ClassGenerator.generate(plans.get(k)).toString().replace("Planted", "Planted" + k);
            names.add("Planted" + k);
            sources.put("Planted" + k, source);
        }
        InMemoryCompiler.Result javac = new InMemoryCompiler(InMemoryCompiler.STRICT).compile(sources);
        assertTrue(javac.success(), () -> String.join("\n", javac.diagnostics()));
        Random random = new Random(3);
        double[] x = new double[8 * 3];
        double[] y = new double[8];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = random.nextInt(2);
        }
        double trueError = new Reflective(javac.load(names.get(0)), 5).gradientCheck(x, y, 8);
        assertTrue(trueError < 1e-6, "the true derivatives check: " + trueError);
        for (int k = 1; k < names.size(); k++) {
            double error = new Reflective(javac.load(names.get(k)), 5).gradientCheck(x, y, 8);
            assertTrue(error > 1e-2, "planted error " + k + " not flagged: " + error);
        }
    }

    private static TrainingPlan withBackward(TrainingPlan plan, int index, Step replacement) {
        List<Step> backward = new ArrayList<>(plan.backward());
        backward.set(index, replacement);
        return new TrainingPlan(plan.network(), plan.buffers(), plan.forward(), plan.loss(), backward, plan.update(),
                plan.notes());
    }
}
