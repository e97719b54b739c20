package dev.nncompile.explain;

import static dev.nncompile.sym.Exprs.ONE;
import static dev.nncompile.sym.Exprs.add;
import static dev.nncompile.sym.Exprs.constant;
import static dev.nncompile.sym.Exprs.div;
import static dev.nncompile.sym.Exprs.mul;
import static dev.nncompile.sym.Exprs.pow;
import static dev.nncompile.sym.Exprs.sigmoid;
import static dev.nncompile.sym.Exprs.sqrt;
import static dev.nncompile.sym.Exprs.sub;
import static dev.nncompile.sym.Exprs.var;

import dev.nncompile.derive.Buffer;
import dev.nncompile.derive.Buffer.Kind;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training plans built by hand, shaped as the Deriver's Javadoc describes them, so the explainer can be tested
 * before (and independently of) the real derivation: the tutorial's 784-30-10 sigmoid network with half_sse and
 * SGD, and a 4-8-3 swish/softmax network with cross-entropy, Adam and L2.
 */
final class HandBuiltPlans {
    private static final SourceSpan SPAN = new SourceSpan(0, 0);
    private static final Expr Z = var("z");
    private static final Expr A = var("a");
    private static final Expr Y = var("y");
    private static final Expr N = var(Step.BATCH_SIZE);

    private HandBuiltPlans() {}

    /** Nielsen's network: 784-30-10, sigmoid everywhere, half_sse, sgd(lr = 3), N(0, 1) init, seed 1. */
    static TrainingPlan mnist() {
        return sigmoidNetwork("Mnist", 784, 30, 10);
    }

    /** The same structure at any width: the performance test's 784-512-256-10. */
    static TrainingPlan sigmoidNetwork(String name, int... widths) {
        Init normal = new Init(Init.Kind.NORMAL, 0, 1);
        List<Layer> layers = new ArrayList<>();
        for (int l = 1; l < widths.length; l++) {
            layers.add(new Layer(l, widths[l - 1], widths[l], Activation.ofFormula("sigmoid", sigmoid(Z)), normal,
                    SPAN));
        }
        Loss loss = new Loss("half_sse", Loss.Kind.HALF_SSE, mul(constant(0.5), pow(sub(var("p"), Y), 2)),
                Loss.Reduction.MEAN_OVER_BATCH);
        Optimizer sgd = new Optimizer(Optimizer.Kind.SGD, 3.0, 0, false, 0.9, 0.999, 1e-8, 0.99, 0);
        Network network = new Network(name, "", SPAN, widths[0], layers, loss, sgd, List.of(), 1, Precision.FLOAT,
                new Training(10, 30, true, 0, List.of()));
        Buffers b = new Buffers(network);
        int last = layers.size();
        List<Step> forward = new ArrayList<>();
        for (int l = 1; l <= last; l++) {
            forward.add(new Step.Affine(b.z(l), b.w(l), b.b(l), b.a(l - 1)));
            forward.add(elementwise(b.a(l), sigmoid(Z), "z", b.z(l)));
        }
        List<Step> lossSteps = List.of(new Step.LossTerm(loss.term(), operands("p", b.a(last), "y", b.y),
                pow(N, -1)));
        List<Step> backward = new ArrayList<>();
        Expr outputDelta = div(mul(sub(A, Y), A, sub(ONE, A)), N);
        backward.add(elementwise(b.d(last), outputDelta, "a", b.a(last), "y", b.y));
        for (int l = last; l >= 1; l--) {
            backward.add(new Step.WeightGradient(b.gw(l), b.d(l), b.a(l - 1)));
            backward.add(new Step.BiasGradient(b.gb(l), b.d(l)));
            if (l > 1) {
                backward.add(new Step.BackpropDelta(b.d(l - 1), b.w(l), b.d(l), mul(A, sub(ONE, A)),
                        operands("a", b.a(l - 1))));
            }
        }
        List<Step> update = new ArrayList<>();
        for (int l = 1; l <= last; l++) {
            update.add(elementwise(b.w(l), sub(var("w"), mul(constant(3.0), var("g"))), "w", b.w(l), "g", b.gw(l)));
            update.add(elementwise(b.b(l), sub(var("w"), mul(constant(3.0), var("g"))), "w", b.b(l), "g", b.gb(l)));
        }
        return new TrainingPlan(network, b.all, forward, lossSteps, backward, update, List.of(
                "σ′ is written through the layer's output: σ′(z) = a·(1 − a), so backward reads aˡ, not zˡ.",
                "σ is evaluated stably: 1/(1 + e⁻ᶻ) for z ≥ 0, eᶻ/(1 + eᶻ) otherwise."));
    }

    /** 4-8-3: swish hidden layer, softmax output fused with cross-entropy, Adam, l2(1e-4), early stopping. */
    static TrainingPlan iris() {
        Layer hidden = new Layer(1, 4, 8, Activation.ofFormula("swish", mul(Z, sigmoid(Z))),
                new Init(Init.Kind.HE_NORMAL, 0, 0), SPAN);
        Layer output = new Layer(2, 8, 3, Activation.ofSoftmax(), new Init(Init.Kind.XAVIER_UNIFORM, 0, 0), SPAN);
        Loss loss = new Loss("cross_entropy", Loss.Kind.CROSS_ENTROPY,
                mul(constant(-1), Y, dev.nncompile.sym.Exprs.log(var("p"))), Loss.Reduction.MEAN_OVER_BATCH);
        Optimizer adam = new Optimizer(Optimizer.Kind.ADAM, 0.01, 0, false, 0.9, 0.999, 1e-8, 0.99, 0);
        Network network = new Network("Iris", "dev.example", SPAN, 4, List.of(hidden, output), loss, adam,
                List.of(new Regularizer(Regularizer.Kind.L2, 1e-4)), 42, Precision.DOUBLE,
                new Training(16, 200, true, 0.2, List.of(new StopRule.Patience(20))));
        Buffers b = new Buffers(network);
        List<Step> forward = List.of(
                new Step.Affine(b.z(1), b.w(1), b.b(1), b.x),
                elementwise(b.a(1), mul(Z, sigmoid(Z)), "z", b.z(1)),
                new Step.Affine(b.z(2), b.w(2), b.b(2), b.a(1)),
                new Step.Softmax(b.a(2), b.z(2)));
        List<Step> lossSteps = List.of(
                new Step.SoftmaxCrossEntropy(b.z(2), b.y),
                new Step.LossTerm(pow(var("w"), 2), operands("w", b.w(1)), constant(5e-5)),
                new Step.LossTerm(pow(var("w"), 2), operands("w", b.w(2)), constant(5e-5)));
        Expr swishPrime = add(sigmoid(Z), mul(Z, sigmoid(Z), sub(ONE, sigmoid(Z))));
        List<Step> backward = List.of(
                elementwise(b.d(2), div(sub(var("p"), Y), N), "p", b.a(2), "y", b.y),
                new Step.WeightGradient(b.gw(2), b.d(2), b.a(1)),
                new Step.BiasGradient(b.gb(2), b.d(2)),
                new Step.BackpropDelta(b.d(1), b.w(2), b.d(2), swishPrime, operands("z", b.z(1))),
                new Step.WeightGradient(b.gw(1), b.d(1), b.x),
                new Step.BiasGradient(b.gb(1), b.d(1)),
                elementwise(b.gw(1), add(var("g"), mul(constant(1e-4), var("w"))), "g", b.gw(1), "w", b.w(1)),
                elementwise(b.gw(2), add(var("g"), mul(constant(1e-4), var("w"))), "g", b.gw(2), "w", b.w(2)));
        List<Step> update = new ArrayList<>();
        update.add(new Step.ScalarDef("bc1", sub(ONE, pow(constant(0.9), var(Step.STEP_COUNT)))));
        update.add(new Step.ScalarDef("bc2", sub(ONE, pow(constant(0.999), var(Step.STEP_COUNT)))));
        for (Buffer p : List.of(b.w(1), b.b(1), b.w(2), b.b(2))) {
            Buffer g = p.kind() == Kind.WEIGHT ? b.gw(p.layer()) : b.gb(p.layer());
            Buffer m = b.state("m", p);
            Buffer v = b.state("v", p);
            Expr mNew = add(mul(constant(0.9), var("m")), mul(constant(0.1), var("g")));
            Expr vNew = add(mul(constant(0.999), var("v")), mul(constant(0.001), pow(var("g"), 2)));
            Expr step = sub(var("w"), div(mul(constant(0.01), div(var("m"), var("bc1"))),
                    add(sqrt(div(var("v"), var("bc2"))), constant(1e-8))));
            Map<String, Buffer> ops = operands("w", p, "g", g, "m", m, "v", v);
            update.add(new Step.Elementwise(List.of(new Step.Assignment(m, mNew), new Step.Assignment(v, vNew),
                    new Step.Assignment(p, step)), ops));
        }
        return new TrainingPlan(network, b.all, forward, lossSteps, backward, update, List.of(
                "softmax followed by cross_entropy is fused: δᴸ = (p − y)/N, and the loss is computed by "
                        + "log-sum-exp, finite for any logits.",
                "softmax subtracts the row maximum before exp.",
                "Adam: bias-corrected m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ); ε is added outside the square root."));
    }

    private static Step.Elementwise elementwise(Buffer target, Expr value, Object... operands) {
        return new Step.Elementwise(List.of(new Step.Assignment(target, value)), operands(operands));
    }

    private static Map<String, Buffer> operands(Object... pairs) {
        Map<String, Buffer> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], (Buffer) pairs[i + 1]);
        }
        return out;
    }

    /** The buffers of a dense network, named as the generated class names its fields. */
    private static final class Buffers {
        final List<Buffer> all = new ArrayList<>();
        final Map<String, Buffer> byName = new LinkedHashMap<>();
        final Buffer x;
        final Buffer y;
        private final Network network;

        Buffers(Network network) {
            this.network = network;
            int batch = network.training().batch();
            for (Layer l : network.layers()) {
                Buffer w = add(new Buffer("w" + l.index(), Kind.WEIGHT, l.index(), l.units(), l.inputs(), false, "",
                        null));
                Buffer bias = add(new Buffer("b" + l.index(), Kind.BIAS, l.index(), 1, l.units(), false, "", null));
                add(new Buffer("gw" + l.index(), Kind.WEIGHT_GRADIENT, l.index(), l.units(), l.inputs(), false, "",
                        w));
                add(new Buffer("gb" + l.index(), Kind.BIAS_GRADIENT, l.index(), 1, l.units(), false, "", bias));
            }
            x = add(new Buffer("x", Kind.INPUT, 0, batch, network.inputs(), true, "", null));
            y = add(new Buffer("y", Kind.TARGET, 0, batch, network.outputs(), true, "", null));
            for (Layer l : network.layers()) {
                add(new Buffer("z" + l.index(), Kind.PRE_ACTIVATION, l.index(), batch, l.units(), true, "", null));
                add(new Buffer("a" + l.index(), Kind.ACTIVATION, l.index(), batch, l.units(), true, "", null));
                add(new Buffer("d" + l.index(), Kind.DELTA, l.index(), batch, l.units(), true, "", null));
            }
        }

        private Buffer add(Buffer b) {
            all.add(b);
            byName.put(b.name(), b);
            return b;
        }

        Buffer w(int l) {
            return byName.get("w" + l);
        }

        Buffer b(int l) {
            return byName.get("b" + l);
        }

        Buffer gw(int l) {
            return byName.get("gw" + l);
        }

        Buffer gb(int l) {
            return byName.get("gb" + l);
        }

        Buffer z(int l) {
            return byName.get("z" + l);
        }

        Buffer a(int l) {
            return l == 0 ? x : byName.get("a" + l);
        }

        Buffer d(int l) {
            return byName.get("d" + l);
        }

        Buffer state(String state, Buffer of) {
            String name = state + of.name();
            return byName.computeIfAbsent(name, n -> {
                Buffer s = new Buffer(n, Kind.OPTIMIZER_STATE, of.layer(), of.rows(), of.cols(), false, state, of);
                all.add(s);
                return s;
            });
        }
    }
}
