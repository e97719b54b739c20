package dev.nncompile.derive;

import static dev.nncompile.sym.Exprs.ONE;
import static dev.nncompile.sym.Exprs.add;
import static dev.nncompile.sym.Exprs.constant;
import static dev.nncompile.sym.Exprs.div;
import static dev.nncompile.sym.Exprs.mul;
import static dev.nncompile.sym.Exprs.pow;
import static dev.nncompile.sym.Exprs.sub;
import static dev.nncompile.sym.Exprs.var;

import dev.nncompile.derive.Buffer.Kind;
import dev.nncompile.derive.Step.Assignment;
import dev.nncompile.model.Activation;
import dev.nncompile.model.Layer;
import dev.nncompile.model.Loss;
import dev.nncompile.model.Network;
import dev.nncompile.model.Optimizer;
import dev.nncompile.model.Regularizer;
import dev.nncompile.sym.Derivative;
import dev.nncompile.sym.Expr;
import dev.nncompile.sym.Exprs;
import dev.nncompile.sym.Rewriter;
import dev.nncompile.sym.Simplifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Layer-level reverse mode: turns a checked {@link Network} into its {@link TrainingPlan}.
 *
 * <p>The chain rule is applied once per layer, never per weight: δᴸ = ∂C/∂zᴸ from the loss composed with the output
 * activation, δˡ = (Wˡ⁺¹)ᵀδˡ⁺¹ ⊙ f′(zˡ), ∂C/∂Wˡ = δˡ(aˡ⁻¹)ᵀ and ∂C/∂bˡ = Σₙ δˡ. Every scalar derivative comes from
 * {@link Derivative}; where it can, the result is re-expressed through the activation the forward pass already
 * holds (σ′ = a·(1 − a), tanh′ = 1 − a²), so backward reads aˡ instead of recomputing f.
 *
 * <pre>{@code
 * TrainingPlan plan = Deriver.derive(network);
 * }</pre>
 */
public final class Deriver {
    // the variable names of elementwise expressions; explain and emit see them only through the operand maps
    private static final String Z = Activation.Z;
    private static final String A = "a";
    private static final String Y = "y";
    private static final String P = "p";
    private static final String G = "g";
    private static final String W = "w";

    private final Network network;
    private final Buffers buffers;
    private final List<String> notes = new ArrayList<>();

    private Deriver(Network network) {
        this.network = network;
        this.buffers = new Buffers(network);
    }

    public static TrainingPlan derive(Network network) {
        return new Deriver(network).plan();
    }

    private TrainingPlan plan() {
        List<Step> forward = forward();
        List<Step> loss = loss();
        List<Step> backward = backward();
        List<Step> update = update();
        return new TrainingPlan(network, buffers.all(), forward, loss, backward, update, notes);
    }

    // ---- forward -------------------------------------------------------------------------------------------

    private List<Step> forward() {
        List<Step> steps = new ArrayList<>();
        for (Layer layer : network.layers()) {
            int l = layer.index();
            steps.add(new Step.Affine(buffers.z(l), buffers.weight(l), buffers.bias(l), buffers.a(l - 1)));
            if (layer.activation().softmax()) {
                steps.add(new Step.Softmax(buffers.a(l), buffers.z(l)));
            } else {
                steps.add(elementwise(buffers.a(l), layer.activation().formula(), Map.of(Z, buffers.z(l))));
            }
        }
        return steps;
    }

    // ---- loss ----------------------------------------------------------------------------------------------

    private List<Step> loss() {
        List<Step> steps = new ArrayList<>();
        Layer out = network.outputLayer();
        int last = out.index();
        Loss loss = network.loss();
        if (out.activation().softmax() && loss.kind() == Loss.Kind.CROSS_ENTROPY) {
            steps.add(new Step.SoftmaxCrossEntropy(buffers.z(last), buffers.target()));
            notes.add("softmax + cross_entropy are fused: the loss is computed from the logits by log-sum-exp "
                    + "(finite for any logits) and δ = (p − y)/N, using Σₖ yₖ = 1 for each sample.");
        } else if (out.activation().softmax()) {
            Expr term = lossOfActivation();
            steps.add(new Step.LossTerm(term, operands(term, outputOperands(last)), lossScale()));
        } else {
            Expr term = outputLossTerm(out);
            steps.add(new Step.LossTerm(term, operands(term, outputOperands(last)), lossScale()));
        }
        for (Regularizer r : network.regularizers()) {
            for (Layer layer : network.layers()) {
                Expr w = var(W);
                Expr term = r.kind() == Regularizer.Kind.L2
                        ? mul(constant(r.lambda() / 2), pow(w, 2))
                        : mul(constant(r.lambda()), Exprs.abs(w));
                steps.add(new Step.LossTerm(term, Map.of(W, buffers.weight(layer.index())), ONE));
            }
        }
        return steps;
    }

    /**
     * The per-element loss composed with the output activation and simplified, then re-expressed through aᴸ where
     * the activation survives. bce ∘ sigmoid simplifies to softplus(z) − y·z: the loss from the logits, stable.
     */
    private Expr outputLossTerm(Layer out) {
        Expr f = out.activation().formula();
        Expr term = reexpress(composedLoss(f), f);
        if (containsLog(network.loss().term()) && !containsLog(term)) {
            notes.add(network.loss().name() + " after " + out.activation().name()
                    + " is computed from the logits (the loss composed with the activation and simplified), "
                    + "so it stays finite where the activation saturates.");
        }
        return term;
    }

    /** The per-element loss with the prediction p read from the output activation aᴸ. */
    private Expr lossOfActivation() {
        return Exprs.substitute(network.loss().term(), Map.of(P, var(A)));
    }

    /** The per-element loss of the logits: ℓ(f(z), y), simplified (bce ∘ σ becomes softplus(z) − y·z). */
    private Expr composedLoss(Expr f) {
        return Simplifier.simplify(Exprs.substitute(network.loss().term(), Map.of(P, f)));
    }

    private Expr lossScale() {
        Expr invN = pow(var(Step.BATCH_SIZE), -1);
        return network.loss().reduction() == Loss.Reduction.MEAN_OVER_BATCH
                ? invN
                : mul(constant(1.0 / network.outputs()), invN);
    }

    // ---- backward ------------------------------------------------------------------------------------------

    private List<Step> backward() {
        List<Step> steps = new ArrayList<>();
        int last = network.outputLayer().index();
        outputDelta(steps);
        for (int l = last; l >= 1; l--) {
            if (l < last) {
                Layer layer = network.layers().get(l - 1);
                Expr factor = activationDerivative(layer);
                Map<String, Buffer> ops = new LinkedHashMap<>();
                ops.put(A, buffers.a(l));
                ops.put(Z, buffers.z(l));
                steps.add(new Step.BackpropDelta(buffers.delta(l), buffers.weight(l + 1), buffers.delta(l + 1),
                        factor, operands(factor, ops)));
            }
            steps.add(new Step.WeightGradient(buffers.weightGradient(l), buffers.delta(l), buffers.a(l - 1)));
            steps.add(new Step.BiasGradient(buffers.biasGradient(l), buffers.delta(l)));
            for (Regularizer r : network.regularizers()) {
                Expr w = var(W);
                Expr extra = r.kind() == Regularizer.Kind.L2
                        ? mul(constant(r.lambda()), w)
                        : mul(constant(r.lambda()), Exprs.sign(w));
                Map<String, Buffer> ops = new LinkedHashMap<>();
                ops.put(G, buffers.weightGradient(l));
                ops.put(W, buffers.weight(l));
                steps.add(new Step.Elementwise(
                        List.of(new Assignment(buffers.weightGradient(l), add(var(G), extra))), ops));
            }
        }
        if (!network.regularizers().isEmpty()) {
            notes.add("Regularisation applies to weights only, never biases: l2(λ) adds (λ/2)·ΣW² to the loss and "
                    + "λ·W to ∂C/∂W; l1(λ) adds λ·Σ|W| and λ·sign(W), with sign(0) = 0.");
        }
        return steps;
    }

    private void outputDelta(List<Step> steps) {
        Layer out = network.outputLayer();
        int last = out.index();
        Loss loss = network.loss();
        if (out.activation().softmax() && loss.kind() == Loss.Kind.CROSS_ENTROPY) {
            Expr delta = mul(sub(var(A), var(Y)), lossScale());   // cross_entropy averages over the batch: 1/N
            steps.add(elementwise(buffers.delta(last), delta, outputOperands(last)));
        } else if (out.activation().softmax()) {
            // ∂C/∂p elementwise, then the softmax Jacobian: δⱼ = pⱼ·(gⱼ − Σₖ pₖgₖ)
            Expr dC = mul(lossScale(), Derivative.of(lossOfActivation(), A));
            Buffer g = buffers.outputGradient();
            steps.add(elementwise(g, dC, outputOperands(last)));
            steps.add(new Step.SoftmaxJacobian(buffers.delta(last), buffers.a(last), g));
            notes.add("softmax followed by " + loss.name() + " uses the full softmax Jacobian: "
                    + "δⱼ = pⱼ·(gⱼ − Σₖ pₖ·gₖ) with g = ∂C/∂p.");
        } else {
            Expr f = out.activation().formula();
            Expr delta = mul(lossScale(), reexpress(Derivative.of(composedLoss(f), Z), f));
            steps.add(elementwise(buffers.delta(last), delta, outputOperands(last)));
        }
    }

    /** f′(z), re-expressed through a = f(z) where possible. */
    private Expr activationDerivative(Layer layer) {
        Expr f = layer.activation().formula();
        Expr derivative = reexpress(Derivative.of(f, Z), f);
        noteKinks(layer, f);
        return derivative;
    }

    private void noteKinks(Layer layer, Expr f) {
        String name = layer.activation().name();
        String note = switch (name) {
            case "relu" -> "relu′(0) = 0: the derivative takes the branch its test picks, and z > 0 is false at 0.";
            case "leaky_relu" -> "leaky_relu′(0) = α: the derivative takes the branch its test picks.";
            case "elu" -> "elu′(0) = α: the derivative takes the branch its test picks.";
            default -> f instanceof dev.nncompile.sym.Cond
                    ? name + ": at a kink the derivative takes the branch its condition picks."
                    : null;
        };
        if (note != null && !notes.contains(note)) {
            notes.add(note);
        }
    }

    // ---- update --------------------------------------------------------------------------------------------

    private List<Step> update() {
        Optimizer o = network.optimizer();
        List<Step> steps = new ArrayList<>();
        steps.add(new Step.ScalarDef(ScalarNames.LEARNING_RATE, constant(o.lr())));
        switch (o.kind()) {
            case SGD -> {
                if (o.momentum() > 0) {
                    steps.add(new Step.ScalarDef(ScalarNames.MOMENTUM, constant(o.momentum())));
                }
            }
            case ADAM, ADAMW -> {
                steps.add(new Step.ScalarDef(ScalarNames.BETA1, constant(o.beta1())));
                steps.add(new Step.ScalarDef(ScalarNames.BETA2, constant(o.beta2())));
                steps.add(new Step.ScalarDef(ScalarNames.EPSILON, constant(o.eps())));
                Expr t = var(Step.STEP_COUNT);
                steps.add(new Step.ScalarDef(ScalarNames.BIAS_CORRECTION1,
                        sub(ONE, pow(var(ScalarNames.BETA1), t))));
                steps.add(new Step.ScalarDef(ScalarNames.BIAS_CORRECTION2,
                        sub(ONE, pow(var(ScalarNames.BETA2), t))));
            }
            case RMSPROP -> {
                steps.add(new Step.ScalarDef(ScalarNames.ALPHA, constant(o.alpha())));
                steps.add(new Step.ScalarDef(ScalarNames.EPSILON, constant(o.eps())));
                if (o.momentum() > 0) {
                    steps.add(new Step.ScalarDef(ScalarNames.MOMENTUM, constant(o.momentum())));
                }
            }
        }
        if (o.weightDecay() > 0) {
            steps.add(new Step.ScalarDef(ScalarNames.WEIGHT_DECAY, constant(o.weightDecay())));
        }
        for (Layer layer : network.layers()) {
            int l = layer.index();
            steps.add(parameterUpdate(buffers.weight(l), buffers.weightGradient(l), true));
            steps.add(parameterUpdate(buffers.bias(l), buffers.biasGradient(l), false));
        }
        optimizerNote(o);
        return steps;
    }

    /** One elementwise update of a parameter, exactly as PyTorch documents its optimizers. */
    private Step parameterUpdate(Buffer param, Buffer grad, boolean isWeight) {
        Optimizer o = network.optimizer();
        Map<String, Buffer> ops = new LinkedHashMap<>();
        ops.put(W, param);
        ops.put(G, grad);
        List<Assignment> assignments = new ArrayList<>();
        Expr w = var(W);
        Expr g = var(G);
        Expr lr = var(ScalarNames.LEARNING_RATE);
        Expr wd = var(ScalarNames.WEIGHT_DECAY);
        if (o.weightDecay() > 0 && o.kind() == Optimizer.Kind.ADAMW) {
            if (isWeight) {
                // AdamW decouples the decay from the gradient: w ← w − η·λ·w before the Adam step
                assignments.add(new Assignment(param, sub(w, mul(lr, wd, w))));
            }
        } else if (o.weightDecay() > 0) {
            // PyTorch's coupled weight_decay: g ← g + λ·w, for every parameter of the group
            g = add(g, mul(wd, w));
        }
        switch (o.kind()) {
            case SGD -> {
                if (o.momentum() > 0) {
                    Buffer v = buffers.state(param, "velocity");
                    ops.put("v", v);
                    Expr mu = var(ScalarNames.MOMENTUM);
                    assignments.add(new Assignment(v, add(mul(mu, var("v")), g)));
                    Expr step = o.nesterov() ? add(g, mul(mu, var("v"))) : var("v");
                    assignments.add(new Assignment(param, sub(w, mul(lr, step))));
                } else {
                    assignments.add(new Assignment(param, sub(w, mul(lr, g))));
                }
            }
            case ADAM, ADAMW -> {
                Buffer m = buffers.state(param, "m");
                Buffer v = buffers.state(param, "v");
                ops.put("m", m);
                ops.put("v", v);
                Expr b1 = var(ScalarNames.BETA1);
                Expr b2 = var(ScalarNames.BETA2);
                assignments.add(new Assignment(m, add(mul(b1, var("m")), mul(sub(ONE, b1), g))));
                assignments.add(new Assignment(v, add(mul(b2, var("v")), mul(sub(ONE, b2), pow(g, 2)))));
                Expr mHat = div(var("m"), var(ScalarNames.BIAS_CORRECTION1));
                Expr vHat = div(var("v"), var(ScalarNames.BIAS_CORRECTION2));
                Expr denominator = add(Exprs.sqrt(vHat), var(ScalarNames.EPSILON));
                assignments.add(new Assignment(param, sub(w, mul(lr, div(mHat, denominator)))));
            }
            case RMSPROP -> {
                Buffer s = buffers.state(param, "square_avg");
                ops.put("s", s);
                Expr alpha = var(ScalarNames.ALPHA);
                assignments.add(new Assignment(s, add(mul(alpha, var("s")), mul(sub(ONE, alpha), pow(g, 2)))));
                Expr scaled = div(g, add(Exprs.sqrt(var("s")), var(ScalarNames.EPSILON)));
                if (o.momentum() > 0) {
                    Buffer buf = buffers.state(param, "momentum_buffer");
                    ops.put("buf", buf);
                    assignments.add(new Assignment(buf, add(mul(var(ScalarNames.MOMENTUM), var("buf")), scaled)));
                    assignments.add(new Assignment(param, sub(w, mul(lr, var("buf")))));
                } else {
                    assignments.add(new Assignment(param, sub(w, mul(lr, scaled))));
                }
            }
        }
        return new Step.Elementwise(assignments, ops);
    }

    private void optimizerNote(Optimizer o) {
        String note = switch (o.kind()) {
            case SGD -> o.momentum() == 0
                    ? "SGD: w ← w − η·∂C/∂w, with ∂C/∂w the mean gradient of the batch."
                    : o.nesterov()
                    ? "SGD with Nesterov momentum, PyTorch's form: v ← μ·v + g, w ← w − η·(g + μ·v); v starts at 0."
                    : "SGD with momentum, PyTorch's form: v ← μ·v + g, w ← w − η·v; v starts at 0.";
            case ADAM -> "Adam with bias correction, ε outside the square root (PyTorch's form).";
            case ADAMW -> "AdamW: the weight decay is decoupled (w ← w − η·λ·w before the Adam step), weights only.";
            case RMSPROP -> "RMSprop, PyTorch's form: s ← α·s + (1 − α)·g², w ← w − η·g/(√s + ε).";
        };
        notes.add(note);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** Rewrites occurrences of f(z) as a, so backward reads the activation instead of recomputing it. */
    private static Expr reexpress(Expr e, Expr f) {
        if (f instanceof dev.nncompile.sym.Var) {
            // the identity: a and z hold the same values, and a reads as the textbook writes it
            return Exprs.substitute(e, Map.of(Z, var(A)));
        }
        if (f instanceof dev.nncompile.sym.Const) {
            return e;
        }
        return Simplifier.simplify(Rewriter.replace(e, f, var(A)));
    }

    private static boolean containsLog(Expr e) {
        boolean[] found = {false};
        Rewriter.bottomUp(e, node -> {
            found[0] |= node instanceof dev.nncompile.sym.Call c && c.fn() == dev.nncompile.sym.Fn.LOG;
            return node;
        });
        return found[0];
    }

    private Map<String, Buffer> outputOperands(int last) {
        Map<String, Buffer> ops = new LinkedHashMap<>();
        ops.put(A, buffers.a(last));
        ops.put(Z, buffers.z(last));
        ops.put(Y, buffers.target());
        return ops;
    }

    private static Step.Elementwise elementwise(Buffer target, Expr value, Map<String, Buffer> candidates) {
        return new Step.Elementwise(List.of(new Assignment(target, value)), operands(value, candidates));
    }

    /** The candidate operands the expression actually reads, in the candidates' order. */
    private static Map<String, Buffer> operands(Expr e, Map<String, Buffer> candidates) {
        var free = Exprs.freeVariables(e);
        Map<String, Buffer> used = new LinkedHashMap<>();
        for (Map.Entry<String, Buffer> c : candidates.entrySet()) {
            if (free.contains(c.getKey())) {
                used.put(c.getKey(), c.getValue());
            }
        }
        return used;
    }

    /** Every buffer of the plan, created on first use and listed in a fixed order. */
    private static final class Buffers {
        private final Network network;
        private final Map<String, Buffer> byName = new LinkedHashMap<>();

        Buffers(Network network) {
            this.network = network;
            for (Layer l : network.layers()) {
                weight(l.index());
                bias(l.index());
            }
        }

        Buffer weight(int l) {
            Layer layer = network.layers().get(l - 1);
            return get(new Buffer("w" + l, Kind.WEIGHT, l, layer.units(), layer.inputs(), false, "", null));
        }

        Buffer bias(int l) {
            return get(new Buffer("b" + l, Kind.BIAS, l, 1, units(l), false, "", null));
        }

        Buffer weightGradient(int l) {
            Buffer w = weight(l);
            return get(new Buffer("gw" + l, Kind.WEIGHT_GRADIENT, l, w.rows(), w.cols(), false, "", w));
        }

        Buffer biasGradient(int l) {
            Buffer b = bias(l);
            return get(new Buffer("gb" + l, Kind.BIAS_GRADIENT, l, 1, b.cols(), false, "", b));
        }

        Buffer state(Buffer param, String state) {
            String prefix = switch (state) {
                case "velocity" -> "vel";
                case "square_avg" -> "sq";
                case "momentum_buffer" -> "buf";
                default -> state;
            };
            return get(new Buffer(prefix + param.name(), Kind.OPTIMIZER_STATE, param.layer(), param.rows(),
                    param.cols(), false, state, param));
        }

        Buffer a(int l) {
            if (l == 0) {
                return get(new Buffer("x", Kind.INPUT, 0, batch(), network.inputs(), true, "", null));
            }
            return get(new Buffer("a" + l, Kind.ACTIVATION, l, batch(), units(l), true, "", null));
        }

        Buffer z(int l) {
            return get(new Buffer("z" + l, Kind.PRE_ACTIVATION, l, batch(), units(l), true, "", null));
        }

        Buffer delta(int l) {
            return get(new Buffer("d" + l, Kind.DELTA, l, batch(), units(l), true, "", null));
        }

        Buffer target() {
            return get(new Buffer("y", Kind.TARGET, 0, batch(), network.outputs(), true, "", null));
        }

        Buffer outputGradient() {
            int last = network.outputLayer().index();
            return get(new Buffer("g" + last, Kind.OUTPUT_GRADIENT, last, batch(), units(last), true, "", null));
        }

        List<Buffer> all() {
            return List.copyOf(byName.values());
        }

        private Buffer get(Buffer b) {
            return byName.computeIfAbsent(b.name(), k -> b);
        }

        private int units(int l) {
            return network.layers().get(l - 1).units();
        }

        private int batch() {
            return network.training().batch();
        }
    }
}
