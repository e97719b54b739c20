package dev.nncompile.derive;

import dev.nncompile.sym.Expr;
import java.util.List;
import java.util.Map;

/**
 * One statement of a {@link TrainingPlan}. The set is closed and layer-level: linear-algebra shapes the emitter turns
 * into loops, and elementwise right-hand sides that are {@link Expr}s. {@code explain} prints exactly these
 * statements and {@code emit} renders exactly these, so the two cannot disagree.
 *
 * <p>In every {@link Expr} of a step, a variable is either an operand (bound, in the step's {@code operands} map,
 * to the element of a buffer at the current index) or a scalar: {@link #BATCH_SIZE}, {@link #STEP_COUNT}, or the
 * name of an earlier {@link ScalarDef}.
 */
public sealed interface Step permits Step.Affine, Step.Elementwise, Step.Softmax, Step.LossTerm,
        Step.SoftmaxCrossEntropy, Step.BackpropDelta, Step.SoftmaxJacobian, Step.WeightGradient,
        Step.BiasGradient, Step.ScalarDef {

    /** The scalar N: the number of samples of the current call. */
    String BATCH_SIZE = "N";
    /** The scalar t: the optimizer's step count, 1 on the first update. */
    String STEP_COUNT = "t";

    /** out[n][j] = Σₖ weight[j][k]·in[n][k] + bias[j], for every sample n: z = W·a + b. */
    record Affine(Buffer out, Buffer weight, Buffer bias, Buffer in) implements Step {}

    /**
     * For every element index i of the (equally shaped) buffers, the assignments in order: {@code target[i] = value}.
     * A later assignment reading an operand that an earlier one wrote sees the new value (Adam's m, then v, then w).
     */
    record Elementwise(List<Assignment> assignments, Map<String, Buffer> operands) implements Step {
        public Elementwise {
            assignments = List.copyOf(assignments);
        }
    }

    /** One assignment of an {@link Elementwise} step. */
    record Assignment(Buffer target, Expr value) {}

    /** out[n][·] = softmax(in[n][·]), stable: the row maximum is subtracted before exp. */
    record Softmax(Buffer out, Buffer in) implements Step {}

    /** loss += scale · Σ over every element of the operands of {@code term}. */
    record LossTerm(Expr term, Map<String, Buffer> operands, Expr scale) implements Step {}

    /**
     * loss += (1/N)·Σₙ Σⱼ y[n][j]·(lse(z[n]) − z[n][j]): cross-entropy of softmax(z) by log-sum-exp, finite for any
     * logits.
     */
    record SoftmaxCrossEntropy(Buffer logits, Buffer target) implements Step {}

    /**
     * delta[n][k] = (Σⱼ next[n][j]·weight[j][k]) · factor: δˡ = (Wˡ⁺¹)ᵀδˡ⁺¹ ⊙ f′(zˡ), with f′ written in the
     * operands (usually aˡ, so σ′ reads a·(1 − a)).
     */
    record BackpropDelta(Buffer delta, Buffer weight, Buffer next, Expr factor, Map<String, Buffer> operands)
            implements Step {}

    /** delta[n][j] = p[n][j]·(g[n][j] − Σₖ p[n][k]·g[n][k]): the softmax Jacobian applied to ∂C/∂p. */
    record SoftmaxJacobian(Buffer delta, Buffer probabilities, Buffer outputGradient) implements Step {}

    /** gradient[j][k] = Σₙ delta[n][j]·in[n][k]: ∂C/∂W = δ·aᵀ summed over the batch. */
    record WeightGradient(Buffer gradient, Buffer delta, Buffer in) implements Step {}

    /** gradient[j] = Σₙ delta[n][j]: ∂C/∂b. */
    record BiasGradient(Buffer gradient, Buffer delta) implements Step {}

    /** A scalar computed once per call, before the steps that read it, e.g. bias corrections 1 − β₁ᵗ. */
    record ScalarDef(String name, Expr value) implements Step {}
}
