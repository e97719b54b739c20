package dev.nncompile.emit;

import static dev.nncompile.sym.Exprs.add;
import static dev.nncompile.sym.Exprs.constant;
import static dev.nncompile.sym.Exprs.div;
import static dev.nncompile.sym.Exprs.mul;
import static dev.nncompile.sym.Exprs.pow;
import static dev.nncompile.sym.Exprs.sub;
import static dev.nncompile.sym.Exprs.var;

import dev.nncompile.derive.Buffer;
import dev.nncompile.derive.Step;
import dev.nncompile.derive.TrainingPlan;
import dev.nncompile.model.Activation;
import dev.nncompile.model.Init;
import dev.nncompile.model.Layer;
import dev.nncompile.model.Loss;
import dev.nncompile.model.Network;
import dev.nncompile.model.Optimizer;
import dev.nncompile.model.Precision;
import dev.nncompile.model.Regularizer;
import dev.nncompile.model.StopRule;
import dev.nncompile.model.Training;
import dev.nncompile.source.SourceSpan;
import dev.nncompile.sym.Expr;
import dev.nncompile.sym.Exprs;
import dev.nncompile.sym.Test;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training plans built by hand, independent of {@code derive.Deriver}: the derivative of each activation is written
 * out here (in terms of a and z), so the emitter is tested against a second, simple derivation.
 */
final class HandPlans {
    private HandPlans() {}

    static final Expr Z = var("z");
    static final Expr A = var("a");

    /** An activation with its derivative in the variables a and z. */
    record Act(Activation activation, Expr derivative) {}

    static Act sigmoid() {
        return new Act(Activation.ofFormula("sigmoid", Exprs.sigmoid(Z)), mul(A, sub(Exprs.ONE, A)));
    }

    static Act tanh() {
        return new Act(Activation.ofFormula("tanh", Exprs.tanh(Z)), sub(Exprs.ONE, pow(A, 2)));
    }

    static Act relu() {
        Test positive = Exprs.compare(Test.Rel.GT, Z, Exprs.ZERO);
        return new Act(Activation.ofFormula("relu", Exprs.cond(positive, Z, Exprs.ZERO)),
                Exprs.cond(positive, Exprs.ONE, Exprs.ZERO));
    }

    static Act leakyRelu() {
        Test positive = Exprs.compare(Test.Rel.GT, Z, Exprs.ZERO);
        return new Act(Activation.ofFormula("leaky_relu", Exprs.cond(positive, Z, mul(constant(0.01), Z))),
                Exprs.cond(positive, Exprs.ONE, constant(0.01)));
    }

    static Act identity() {
        return new Act(Activation.ofFormula("identity", Z), Exprs.ONE);
    }

    static Act softplus() {
        return new Act(Activation.ofFormula("softplus", Exprs.softplus(Z)), Exprs.sigmoid(Z));
    }

    static Act swish() {
        Expr s = Exprs.sigmoid(Z);
        return new Act(Activation.ofFormula("swish", mul(Z, s)), add(s, mul(Z, s, sub(Exprs.ONE, s))));
    }

    static Act gelu() {
        Expr r = constant(Math.sqrt(0.5));
        Expr formula = mul(Exprs.HALF, Z, add(Exprs.ONE, Exprs.erf(mul(r, Z))));
        Expr derivative = add(mul(Exprs.HALF, add(Exprs.ONE, Exprs.erf(mul(r, Z)))),
                mul(constant(1 / Math.sqrt(2 * Math.PI)), Z, Exprs.exp(mul(constant(-0.5), pow(Z, 2)))));
        return new Act(Activation.ofFormula("gelu", formula), derivative);
    }

    static final Act SOFTMAX = new Act(Activation.ofSoftmax(), null);

    static List<Act> hiddenActivations() {
        return List.of(sigmoid(), tanh(), relu(), leakyRelu(), identity(), softplus(), swish(), gelu());
    }

    static Optimizer sgd(double lr) {
        return new Optimizer(Optimizer.Kind.SGD, lr, 0, false, 0.9, 0.999, 1e-8, 0.99, 0);
    }

    static Optimizer momentum(double lr, boolean nesterov) {
        return new Optimizer(Optimizer.Kind.SGD, lr, 0.9, nesterov, 0.9, 0.999, 1e-8, 0.99, 0);
    }

    static Optimizer adam(double lr) {
        return new Optimizer(Optimizer.Kind.ADAM, lr, 0, false, 0.9, 0.999, 1e-8, 0.99, 0);
    }

    static Optimizer rmsprop(double lr) {
        return new Optimizer(Optimizer.Kind.RMSPROP, lr, 0, false, 0.9, 0.999, 1e-8, 0.99, 0);
    }

    static Loss loss(Loss.Kind kind) {
        Expr p = var(Loss.P);
        Expr y = var(Loss.Y);
        return switch (kind) {
            case HALF_SSE -> new Loss("half_sse", kind, mul(Exprs.HALF, pow(sub(p, y), 2)),
                    Loss.Reduction.MEAN_OVER_BATCH);
            case MSE -> new Loss("mse", kind, pow(sub(p, y), 2), Loss.Reduction.MEAN_OVER_ALL);
            case BCE -> new Loss("bce", kind, Exprs.neg(add(mul(y, Exprs.log(p)),
                    mul(sub(Exprs.ONE, y), Exprs.log(sub(Exprs.ONE, p))))), Loss.Reduction.MEAN_OVER_ALL);
            case CROSS_ENTROPY -> new Loss("cross_entropy", kind, Exprs.neg(mul(y, Exprs.log(p))),
                    Loss.Reduction.MEAN_OVER_BATCH);
            default -> throw new IllegalArgumentException(kind.toString());
        };
    }

    static Network network(String name, int inputs, List<Integer> units, List<Act> acts, Loss loss, Optimizer opt,
                           List<Regularizer> regs, Precision precision, int batch, Init init) {
        List<Layer> layers = new ArrayList<>();
        int in = inputs;
        for (int i = 0; i < units.size(); i++) {
            layers.add(new Layer(i + 1, in, units.get(i), acts.get(i).activation(), init, new SourceSpan(0, 0)));
            in = units.get(i);
        }
        return new Network(name, "demo.nets", new SourceSpan(0, 0), inputs, layers, loss, opt, regs, 42L,
                precision, new Training(batch, 100, true, 0, List.<StopRule>of()));
    }

    static Network withTraining(Network n, Training t) {
        return new Network(n.name(), n.packageName(), n.span(), n.inputs(), n.layers(), n.loss(), n.optimizer(),
                n.regularizers(), n.seed(), n.precision(), t);
    }

    /** The plan of a network whose layer activations' derivatives are {@code acts}' (null for softmax). */
    static TrainingPlan plan(Network net, List<Act> acts) {
        int batch = net.training().batch();
        Map<String, Buffer> buffers = new LinkedHashMap<>();
        List<Layer> layers = net.layers();
        int count = layers.size();
        Buffer x = new Buffer("x", Buffer.Kind.INPUT, 0, batch, net.inputs(), true, "", null);
        Buffer y = new Buffer("y", Buffer.Kind.TARGET, 0, batch, net.outputs(), true, "", null);
        Buffer[] w = new Buffer[count + 1];
        Buffer[] b = new Buffer[count + 1];
        Buffer[] z = new Buffer[count + 1];
        Buffer[] a = new Buffer[count + 1];
        Buffer[] d = new Buffer[count + 1];
        Buffer[] gw = new Buffer[count + 1];
        Buffer[] gb = new Buffer[count + 1];
        a[0] = x;
        for (Layer l : layers) {
            int i = l.index();
            w[i] = put(buffers, new Buffer("w" + i, Buffer.Kind.WEIGHT, i, l.units(), l.inputs(), false, "", null));
            b[i] = put(buffers, new Buffer("b" + i, Buffer.Kind.BIAS, i, 1, l.units(), false, "", null));
        }
        put(buffers, x);
        put(buffers, y);
        for (Layer l : layers) {
            int i = l.index();
            z[i] = put(buffers, new Buffer("z" + i, Buffer.Kind.PRE_ACTIVATION, i, batch, l.units(), true, "", null));
            a[i] = put(buffers, new Buffer("a" + i, Buffer.Kind.ACTIVATION, i, batch, l.units(), true, "", null));
            d[i] = put(buffers, new Buffer("d" + i, Buffer.Kind.DELTA, i, batch, l.units(), true, "", null));
            gw[i] = put(buffers, new Buffer("gw" + i, Buffer.Kind.WEIGHT_GRADIENT, i, l.units(), l.inputs(), false,
                    "", w[i]));
            gb[i] = put(buffers, new Buffer("gb" + i, Buffer.Kind.BIAS_GRADIENT, i, 1, l.units(), false, "", b[i]));
        }
        List<Step> forward = new ArrayList<>();
        for (Layer l : layers) {
            int i = l.index();
            forward.add(new Step.Affine(z[i], w[i], b[i], a[i - 1]));
            if (l.activation().softmax()) {
                forward.add(new Step.Softmax(a[i], z[i]));
            } else {
                forward.add(new Step.Elementwise(List.of(new Step.Assignment(a[i], l.activation().formula())),
                        Map.of("z", z[i])));
            }
        }
        Expr n = var(Step.BATCH_SIZE);
        int k = net.outputs();
        Expr nk = mul(n, constant(k));
        List<Step> loss = new ArrayList<>();
        List<Step> backward = new ArrayList<>();
        Loss.Kind kind = net.loss().kind();
        Layer out = net.outputLayer();
        Expr p = A;
        Expr target = var("y");
        if (out.activation().softmax()) {
            loss.add(new Step.SoftmaxCrossEntropy(z[count], y));
            backward.add(new Step.Elementwise(List.of(new Step.Assignment(d[count], div(sub(p, target), n))),
                    Map.of("a", a[count], "y", y)));
        } else if (kind == Loss.Kind.BCE && out.activation().name().equals("sigmoid")) {
            loss.add(new Step.LossTerm(sub(Exprs.softplus(Z), mul(target, Z)), Map.of("z", z[count], "y", y),
                    div(Exprs.ONE, nk)));
            backward.add(new Step.Elementwise(List.of(new Step.Assignment(d[count], div(sub(p, target), nk))),
                    Map.of("a", a[count], "y", y)));
        } else {
            Expr term = Exprs.substitute(net.loss().term(), Map.of(Loss.P, A, Loss.Y, target));
            Expr scale = net.loss().reduction() == Loss.Reduction.MEAN_OVER_BATCH ? div(Exprs.ONE, n)
                    : div(Exprs.ONE, nk);
            loss.add(new Step.LossTerm(term, Map.of("a", a[count], "y", y), scale));
            Expr dLossDp = switch (kind) {
                case HALF_SSE -> sub(p, target);
                case MSE -> mul(Exprs.TWO, sub(p, target));
                default -> throw new IllegalArgumentException("hand plans lack " + kind);
            };
            backward.add(new Step.Elementwise(List.of(new Step.Assignment(d[count],
                    mul(dLossDp, acts.get(count - 1).derivative(), scale))), Map.of("a", a[count], "y", y,
                    "z", z[count])));
        }
        for (int i = count; i >= 1; i--) {
            if (i < count) {
                backward.add(new Step.BackpropDelta(d[i], w[i + 1], d[i + 1], acts.get(i - 1).derivative(),
                        Map.of("a", a[i], "z", z[i])));
            }
            backward.add(new Step.WeightGradient(gw[i], d[i], a[i - 1]));
            backward.add(new Step.BiasGradient(gb[i], d[i]));
        }
        for (Regularizer r : net.regularizers()) {
            for (Layer l : layers) {
                int i = l.index();
                Expr wv = var("w");
                Expr g = var("g");
                if (r.kind() == Regularizer.Kind.L2) {
                    loss.add(new Step.LossTerm(pow(wv, 2), Map.of("w", w[i]), constant(r.lambda() / 2)));
                    backward.add(new Step.Elementwise(List.of(new Step.Assignment(gw[i],
                            add(g, mul(constant(r.lambda()), wv)))), Map.of("w", w[i], "g", gw[i])));
                } else {
                    loss.add(new Step.LossTerm(Exprs.abs(wv), Map.of("w", w[i]), constant(r.lambda())));
                    backward.add(new Step.Elementwise(List.of(new Step.Assignment(gw[i],
                            add(g, mul(constant(r.lambda()), Exprs.sign(wv))))), Map.of("w", w[i], "g", gw[i])));
                }
            }
        }
        List<Step> update = new ArrayList<>();
        Optimizer opt = net.optimizer();
        if (opt.kind() == Optimizer.Kind.ADAM) {
            update.add(new Step.ScalarDef("bc1", sub(Exprs.ONE, pow(constant(opt.beta1()), var(Step.STEP_COUNT)))));
            update.add(new Step.ScalarDef("bc2", sub(Exprs.ONE, pow(constant(opt.beta2()), var(Step.STEP_COUNT)))));
        }
        for (Layer l : layers) {
            int i = l.index();
            update.add(updateStep(buffers, opt, w[i], gw[i]));
            update.add(updateStep(buffers, opt, b[i], gb[i]));
        }
        return new TrainingPlan(net, List.copyOf(buffers.values()), forward, loss, backward, update,
                List.of("hand-built plan: softmax with the row maximum subtracted", "relu′(0) = 0"));
    }

    private static Step updateStep(Map<String, Buffer> buffers, Optimizer opt, Buffer param, Buffer grad) {
        Expr wv = var("w");
        Expr g = var("g");
        Expr lr = constant(opt.lr());
        switch (opt.kind()) {
            case SGD -> {
                if (opt.momentum() == 0) {
                    return new Step.Elementwise(List.of(new Step.Assignment(param, sub(wv, mul(lr, g)))),
                            Map.of("w", param, "g", grad));
                }
                Buffer v = put(buffers, new Buffer("v" + param.name(), Buffer.Kind.OPTIMIZER_STATE, param.layer(),
                        param.rows(), param.cols(), false, "velocity", param));
                Expr vv = var("v");
                Expr step = opt.nesterov() ? add(g, mul(constant(opt.momentum()), vv)) : vv;
                return new Step.Elementwise(List.of(
                        new Step.Assignment(v, add(mul(constant(opt.momentum()), vv), g)),
                        new Step.Assignment(param, sub(wv, mul(lr, step)))), Map.of("w", param, "g", grad, "v", v));
            }
            case ADAM -> {
                Buffer m = put(buffers, new Buffer("m" + param.name(), Buffer.Kind.OPTIMIZER_STATE, param.layer(),
                        param.rows(), param.cols(), false, "m", param));
                Buffer v = put(buffers, new Buffer("v" + param.name(), Buffer.Kind.OPTIMIZER_STATE, param.layer(),
                        param.rows(), param.cols(), false, "v", param));
                Expr mv = var("m");
                Expr vv = var("v");
                Expr b1 = constant(opt.beta1());
                Expr b2 = constant(opt.beta2());
                Expr wNew = sub(wv, mul(lr, div(div(mv, var("bc1")),
                        add(Exprs.sqrt(div(vv, var("bc2"))), constant(opt.eps())))));
                return new Step.Elementwise(List.of(
                        new Step.Assignment(m, add(mul(b1, mv), mul(sub(Exprs.ONE, b1), g))),
                        new Step.Assignment(v, add(mul(b2, vv), mul(sub(Exprs.ONE, b2), pow(g, 2)))),
                        new Step.Assignment(param, wNew)), Map.of("w", param, "g", grad, "m", m, "v", v));
            }
            case RMSPROP -> {
                Buffer s = put(buffers, new Buffer("s" + param.name(), Buffer.Kind.OPTIMIZER_STATE, param.layer(),
                        param.rows(), param.cols(), false, "square_avg", param));
                Expr sv = var("s");
                Expr alpha = constant(opt.alpha());
                return new Step.Elementwise(List.of(
                        new Step.Assignment(s, add(mul(alpha, sv), mul(sub(Exprs.ONE, alpha), pow(g, 2)))),
                        new Step.Assignment(param, sub(wv, div(mul(lr, g), add(Exprs.sqrt(sv),
                                constant(opt.eps())))))), Map.of("w", param, "g", grad, "s", s));
            }
            default -> throw new IllegalArgumentException(opt.kind().toString());
        }
    }

    private static Buffer put(Map<String, Buffer> buffers, Buffer b) {
        buffers.put(b.name(), b);
        return b;
    }
}
