package dev.nncompile.explain;

import dev.nncompile.derive.Buffer;
import dev.nncompile.derive.Step;
import dev.nncompile.sym.Expr;
import dev.nncompile.sym.Exprs;
import dev.nncompile.sym.PrintOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The equations of one {@link Step}, as the Javadoc of each step kind defines it, over per-sample vectors: the
 * affine map z¹ = W¹x + b¹, elementwise assignments with ⊙ between arrays, δ¹ = (W²ᵀ δ²) ⊙ a¹ ⊙ (1 − a¹),
 * ∂C/∂W² = Σₙ δ² a¹ᵀ. An assignment whose target it also reads is an update and prints with ←.
 *
 * <pre>{@code
 * for (Formula equation : StepFormulas.equations(step)) { ... }
 * }</pre>
 */
final class StepFormulas {
    private static final Formula EQUALS = Formula.operator("=", "=");
    private static final Formula ASSIGN = Formula.operator("←", "\\leftarrow");
    private static final Formula PLUS = Formula.operator("+", "+");
    /** Stands for the back-propagated product W^T·δ inside the δ formula; sorts before every operand name. */
    private static final String BACKPROPAGATED = "";

    private StepFormulas() {}

    /** One equation per statement of the step. */
    static List<Formula> equations(Step step) {
        if (step instanceof Step.Affine a) {
            return List.of(Formula.row(Notation.of(a.out()), EQUALS, Notation.of(a.weight()), Notation.of(a.in()),
                    PLUS, Notation.of(a.bias())));
        }
        if (step instanceof Step.Elementwise e) {
            List<Formula> out = new ArrayList<>();
            for (Step.Assignment assignment : e.assignments()) {
                out.add(assignment(assignment, e.operands()));
            }
            return out;
        }
        if (step instanceof Step.Softmax s) {
            return List.of(Formula.row(Notation.of(s.out()), EQUALS, Formula.word("softmax"),
                    Formula.parenthesised(Notation.of(s.in()))));
        }
        if (step instanceof Step.LossTerm t) {
            return List.of(Formula.row(cost(), EQUALS, lossTerm(t)));
        }
        if (step instanceof Step.SoftmaxCrossEntropy ce) {
            return List.of(Formula.row(cost(), EQUALS, crossEntropy(ce)), logSumExp(ce.logits()));
        }
        if (step instanceof Step.BackpropDelta d) {
            return List.of(Formula.row(Notation.of(d.delta()), EQUALS, backpropagated(d)));
        }
        if (step instanceof Step.SoftmaxJacobian j) {
            return List.of(Formula.row(Notation.of(j.delta()), EQUALS, softmaxJacobian(j)));
        }
        if (step instanceof Step.WeightGradient w) {
            return List.of(Formula.row(Notation.of(w.gradient()), EQUALS, Formula.sum("n"),
                    Formula.juxtaposed(Notation.of(w.delta()), Notation.of(w.in()).transposed())));
        }
        if (step instanceof Step.BiasGradient b) {
            return List.of(Formula.row(Notation.of(b.gradient()), EQUALS, Formula.sum("n"), Notation.of(b.delta())));
        }
        Step.ScalarDef def = (Step.ScalarDef) step;
        return List.of(Formula.row(Notation.scalar(def.name()), EQUALS,
                Formula.expr(def.value(), Notation::scalar, PrintOptions.SCALAR)));
    }

    static Formula cost() {
        return Formula.identifier("C");
    }

    /** The right-hand side of a loss step, to be summed with the others: scale · Σ term. */
    static Formula lossTerm(Step.LossTerm t) {
        List<Formula> parts = new ArrayList<>();
        if (!t.scale().equals(Exprs.ONE)) {
            parts.add(Formula.factor(t.scale(), Notation::scalar, PrintOptions.SCALAR));
        }
        if (!parts.isEmpty()) {
            parts.add(Formula.SPACE);
        }
        parts.add(Formula.sum(indices(t.operands())));
        // inside the sum the term is per element: a scalar formula
        parts.add(Formula.summand(t.term(), naming(t.operands()), PrintOptions.SCALAR));
        return Formula.row(parts);
    }

    /** (1/N) Σₙₖ y·(lse(z) − z): cross-entropy of softmax(z) through the log-sum-exp. */
    static Formula crossEntropy(Step.SoftmaxCrossEntropy ce) {
        Map<String, Formula> names = Map.of("y", Notation.of(ce.target()), "z", Notation.of(ce.logits()),
                "lse", lse(ce.logits()));
        Expr summand = Exprs.mul(Exprs.var("y"), Exprs.sub(Exprs.var("lse"), Exprs.var("z")));
        return Formula.row(Formula.factor(Exprs.pow(Exprs.var(Step.BATCH_SIZE), -1), Notation::scalar,
                PrintOptions.SCALAR), Formula.SPACE, Formula.sum("n", "k"),
                Formula.summand(summand, names::get, PrintOptions.SCALAR));
    }

    /** lse(z) = m + log Σₖ exp(zₖ − m), m = maxₖ zₖ: the stable form the generated code uses. */
    static Formula logSumExp(Buffer logits) {
        Formula z = Notation.of(logits);
        Formula zk = z.sub(Formula.identifier("k"));
        Formula m = Formula.identifier("m");
        Formula shifted = new Formula("exp(" + zk.text() + " − m)", "e^{" + zk.latex() + " - m}",
                "<msup><mi>e</mi><mrow>" + zk.mathml() + "<mo>−</mo><mi>m</mi></mrow></msup>");
        Formula maxK = new Formula("maxₖ ", "\\max_{k}", "<munder><mo>max</mo><mi>k</mi></munder>");
        Formula log = new Formula("log ", "\\log", "<mi>log</mi>");
        return Formula.row(lse(logits), EQUALS, m, PLUS, log, Formula.sum("k"), shifted,
                new Formula(",  ", ", \\quad", "<mo separator=\"true\">,</mo><mspace width=\"1em\"/>"), m, EQUALS,
                maxK, zk);
    }

    private static Formula lse(Buffer logits) {
        return Formula.row(Formula.word("lse"), Formula.parenthesised(Notation.of(logits)));
    }

    private static Formula backpropagated(Step.BackpropDelta d) {
        Formula product = Formula.juxtaposed(Notation.of(d.weight()).transposed(), Notation.of(d.next()));
        if (d.factor().equals(Exprs.ONE)) {
            return product;
        }
        Function<String, Formula> operands = naming(d.operands());
        Formula fenced = Formula.parenthesised(product);
        return Formula.expr(Exprs.mul(Exprs.var(BACKPROPAGATED), d.factor()),
                name -> name.equals(BACKPROPAGATED) ? fenced : operands.apply(name),
                arrays(d.operands(), BACKPROPAGATED));
    }

    private static Formula softmaxJacobian(Step.SoftmaxJacobian j) {
        Formula p = Notation.of(j.probabilities());
        Formula g = Notation.of(j.outputGradient());
        Map<String, Formula> names = Map.of("p", p, "g", g, "pg", Formula.inner(p, g));
        Expr jacobian = Exprs.mul(Exprs.var("p"), Exprs.sub(Exprs.var("g"), Exprs.var("pg")));
        return Formula.expr(jacobian, names::get,
                PrintOptions.elementwise(name -> name.equals("p") || name.equals("g")));
    }

    private static Formula assignment(Step.Assignment a, Map<String, Buffer> operands) {
        boolean update = false;
        for (String name : Exprs.freeVariables(a.value())) {
            update |= a.target().equals(operands.get(name));
        }
        return Formula.row(Notation.of(a.target()), update ? ASSIGN : EQUALS,
                Formula.expr(a.value(), naming(operands), arrays(operands, null)));
    }

    /** Operands print as their buffers' symbols, every other name as a scalar. */
    static Function<String, Formula> naming(Map<String, Buffer> operands) {
        return name -> operands.containsKey(name) ? Notation.of(operands.get(name)) : Notation.scalar(name);
    }

    private static PrintOptions arrays(Map<String, Buffer> operands, String extra) {
        return PrintOptions.elementwise(name -> operands.containsKey(name) || name.equals(extra));
    }

    /** The indices a loss term sums over: samples and outputs, or a parameter's rows and columns. */
    private static String[] indices(Map<String, Buffer> operands) {
        for (Buffer b : operands.values()) {
            if (!b.perSample()) {
                return b.rows() > 1 && b.cols() > 1 ? new String[] {"j", "k"} : new String[] {"j"};
            }
        }
        return new String[] {"n", "k"};
    }
}
