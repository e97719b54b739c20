package dev.nncompile.emit;

import dev.nncompile.derive.Buffer;
import dev.nncompile.derive.Step;
import dev.nncompile.sym.Expr;
import dev.nncompile.sym.JavaPrinter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One line of text per plan step, in the plan's buffer names: the derivation printed in the generated class's
 * Javadoc and above each loop. Formulas are written with the Java printer in double, which reads close to the
 * mathematics ({@code a1 * (1.0 - a1)}); swap in {@code sym.TextPrinter} once it exists.
 */
final class StepText {
    private static final JavaPrinter FORMULA = new JavaPrinter(JavaPrinter.Type.DOUBLE);

    private StepText() {}

    static List<String> describe(Step step) {
        List<String> out = new ArrayList<>();
        if (step instanceof Step.Affine a) {
            out.add(a.out().name() + " = " + a.weight().name() + "·" + a.in().name() + " + " + a.bias().name()
                    + "   (" + a.out().name() + "[s][j] = Σk " + a.weight().name() + "[j][k]·" + a.in().name()
                    + "[s][k] + " + a.bias().name() + "[j])");
        } else if (step instanceof Step.Elementwise e) {
            for (Step.Assignment as : e.assignments()) {
                out.add(as.target().name() + " = " + formula(as.value(), e.operands()));
            }
        } else if (step instanceof Step.Softmax s) {
            out.add(s.out().name() + " = softmax(" + s.in().name() + ")   (row maximum subtracted before exp)");
        } else if (step instanceof Step.LossTerm l) {
            out.add("C += " + formula(l.scale(), Map.of()) + " · Σ " + formula(l.term(), l.operands()));
        } else if (step instanceof Step.SoftmaxCrossEntropy c) {
            out.add("C += (1/N)·Σs Σj " + c.target().name() + "[s][j]·(logsumexp(" + c.logits().name() + "[s]) − "
                    + c.logits().name() + "[s][j])");
        } else if (step instanceof Step.BackpropDelta d) {
            out.add(d.delta().name() + " = (" + d.weight().name() + "ᵀ·" + d.next().name() + ") ⊙ "
                    + formula(d.factor(), d.operands()));
        } else if (step instanceof Step.SoftmaxJacobian j) {
            out.add(j.delta().name() + " = " + j.probabilities().name() + " ⊙ (" + j.outputGradient().name() + " − Σk "
                    + j.probabilities().name() + "[k]·" + j.outputGradient().name() + "[k])");
        } else if (step instanceof Step.WeightGradient w) {
            out.add(w.gradient().name() + " = Σs " + w.delta().name() + "[s]·" + w.in().name() + "[s]ᵀ");
        } else if (step instanceof Step.BiasGradient b) {
            out.add(b.gradient().name() + " = Σs " + b.delta().name() + "[s]");
        } else if (step instanceof Step.ScalarDef d) {
            out.add(d.name() + " = " + formula(d.value(), Map.of()));
        }
        return out;
    }

    static String formula(Expr e, Map<String, Buffer> operands) {
        return FORMULA.print(e, v -> operands.containsKey(v) ? operands.get(v).name() : v);
    }

    /** Text safe inside a Javadoc comment: no HTML specials, no comment terminator. */
    static String javadoc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "*&#47;");
    }

}
