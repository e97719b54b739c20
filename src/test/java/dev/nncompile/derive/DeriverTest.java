package dev.nncompile.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nncompile.model.Network;
import dev.nncompile.model.Regularizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeriverTest {

    static Stream<Arguments> combinations() {
        String[] hidden = {"sigmoid", "tanh", "relu", "identity", "softplus", "swish", "elu", "gelu"};
        String[][] outputs = {{"sigmoid", "bce"}, {"sigmoid", "half_sse"}, {"identity", "mse"},
                {"softmax", "cross_entropy"}, {"softmax", "mse"}, {"tanh", "huber"}, {"sigmoid", "cross_entropy"}};
        List<Arguments> out = new ArrayList<>();
        int i = 0;
        for (String h : hidden) {
            for (String[] o : outputs) {
                String reg = switch (i++ % 3) {
                    case 0 -> "none";
                    case 1 -> "l2";
                    default -> "l1";
                };
                out.add(Arguments.of(h, o[0], o[1], reg));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} → {1} + {2}, {3}")
    @MethodSource("combinations")
    void gradientsEqualCentralDifferences(String hidden, String output, String loss, String reg) {
        List<Regularizer> regs = switch (reg) {
            case "l2" -> List.of(new Regularizer(Regularizer.Kind.L2, 0.01));
            case "l1" -> List.of(new Regularizer(Regularizer.Kind.L1, 0.01));
            default -> List.of();
        };
        int outputs = output.equals("softmax") ? 3 : 2;
        Network net = TestNetworks.network(new int[] {3, 4, outputs}, new String[] {hidden, output}, loss,
                TestNetworks.sgd(0.1), regs, 5);
        TrainingPlan plan = Deriver.derive(net);
        PlanInterpreter run = new PlanInterpreter(plan);
        Random random = new Random(hidden.hashCode() * 31L + loss.hashCode());
        for (Buffer b : plan.buffers()) {
            if (b.isParameter()) {
                double[] v = run.get(b.name());
                for (int i = 0; i < v.length; i++) {
                    v[i] = random.nextGaussian() * 0.8;
                }
            }
        }
        int n = 5;
        double[] x = new double[n * 3];
        double[] y = new double[n * outputs];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        for (int r = 0; r < n; r++) {
            if (output.equals("softmax")) {
                y[r * outputs + random.nextInt(outputs)] = 1;
            } else if (output.equals("sigmoid")) {
                for (int j = 0; j < outputs; j++) {
                    y[r * outputs + j] = random.nextInt(2);
                }
            } else {
                for (int j = 0; j < outputs; j++) {
                    y[r * outputs + j] = random.nextGaussian() * 0.5;
                }
            }
        }
        run.gradients(x, y, n);
        for (Buffer b : plan.buffers()) {
            if (b.kind() != Buffer.Kind.WEIGHT_GRADIENT && b.kind() != Buffer.Kind.BIAS_GRADIENT) {
                continue;
            }
            double[] analytic = run.get(b.name()).clone();
            double[] param = run.get(b.of().name());
            for (int i = 0; i < param.length; i++) {
                double saved = param[i];
                double h = 1e-6 * Math.max(1, Math.abs(saved));
                param[i] = saved + h;
                double up = run.loss(x, y, n);
                param[i] = saved - h;
                double down = run.loss(x, y, n);
                param[i] = saved;
                double numeric = (up - down) / (2 * h);
                double err = Math.abs(numeric - analytic[i]) / Math.max(1e-4, Math.abs(numeric) + Math.abs(analytic[i]));
                assertTrue(err < 1e-6, () -> b.name() + "[" + "] analytic " + analytic[0] + " numeric " + numeric
                        + " in plan " + plan);
            }
        }
    }

    @Test
    void workedExampleOfTheTutorial() {
        // x = 2, y = 10, w = 1, b = 0 in both layers: loss 64, gradients −32, −16, −32, −16, then 37.748736
        Network net = TestNetworks.network(new int[] {1, 1, 1}, new String[] {"relu", "identity"}, "mse",
                TestNetworks.sgd(0.01), List.of(), 1);
        PlanInterpreter run = new PlanInterpreter(Deriver.derive(net));
        run.get("w1")[0] = 1;
        run.get("w2")[0] = 1;
        double[] x = {2};
        double[] y = {10};
        assertEquals(64.0, run.trainStep(x, y, 1), 1e-12);
        assertEquals(-32.0, run.get("gw1")[0], 1e-12);
        assertEquals(-16.0, run.get("gb1")[0], 1e-12);
        assertEquals(-32.0, run.get("gw2")[0], 1e-12);
        assertEquals(-16.0, run.get("gb2")[0], 1e-12);
        assertEquals(1.32, run.get("w1")[0], 1e-12);
        assertEquals(0.16, run.get("b1")[0], 1e-12);
        assertEquals(37.748736, run.loss(x, y, 1), 1e-9);
    }

    @Test
    void gradientDescentStepOfTheFirstLesson() {
        // W = 1, b = 0, x = 3, y = 10, lr 0.1 → W 5.2, b 1.4
        Network net = TestNetworks.network(new int[] {1, 1}, new String[] {"identity"}, "mse",
                TestNetworks.sgd(0.1), List.of(), 1);
        PlanInterpreter run = new PlanInterpreter(Deriver.derive(net));
        run.get("w1")[0] = 1;
        run.trainStep(new double[] {3}, new double[] {10}, 1);
        assertEquals(5.2, run.get("w1")[0], 1e-12);
        assertEquals(1.4, run.get("b1")[0], 1e-12);
    }

    @Test
    void softmaxOfTheTutorial() {
        Network net = TestNetworks.network(new int[] {3, 3}, new String[] {"softmax"}, "cross_entropy",
                TestNetworks.sgd(0.1), List.of(), 1);
        PlanInterpreter run = new PlanInterpreter(Deriver.derive(net));
        double[] w = run.get("w1");
        w[0] = 1;
        w[4] = 1;
        w[8] = 1;
        run.loss(new double[] {2, 1, 0.1}, new double[] {1, 0, 0}, 1);
        double[] p = run.get("a1");
        assertEquals(0.659, p[0], 5e-4);
        assertEquals(0.242, p[1], 5e-4);
        assertEquals(0.099, p[2], 5e-4);
    }

    @Test
    void optimizersFollowPyTorchOnOneParameter() {
        // one weight, x = 1, y = 0, identity, mse: g = 2·(w − 0) at w = 1 → g = 2 (bias 0 too: g_b = 2)
        for (String name : List.of("sgd", "momentum", "nesterov", "adam", "adamw", "rmsprop")) {
            Network net = TestNetworks.network(new int[] {1, 1}, new String[] {"identity"}, "mse",
                    TestNetworks.optimizer(name), List.of(), 1);
            PlanInterpreter run = new PlanInterpreter(Deriver.derive(net));
            run.get("w1")[0] = 1;
            run.trainStep(new double[] {1}, new double[] {0}, 1);
            double w = run.get("w1")[0];
            double expected = switch (name) {
                case "sgd" -> 1 - 0.1 * 2;
                case "momentum" -> 1 - 0.05 * 2;                 // v = g on the first step
                case "nesterov" -> 1 - 0.05 * (2 + 0.9 * 2);    // g + μ·v
                case "adam" -> 1 - 1e-3 * 1 / (1 + 1e-8);         // m̂ = g, v̂ = g², step = lr·g/(|g| + ε)
                case "adamw" -> (1 - 1e-3 * 0.01) - 1e-3 * 2 / (2 + 1e-8);
                default -> 1 - 1e-2 * 2 / (Math.sqrt(0.01 * 4) + 1e-8); // s = (1 − α)·g²
            };
            if (name.equals("adam")) {
                expected = 1 - 1e-3 * 2 / (2 + 1e-8);
            }
            assertEquals(expected, w, 1e-12, name);
        }
    }
}
