package dev.nncompile.emit;

import dev.nncompile.derive.Buffer;
import dev.nncompile.derive.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** The buffers one plan step reads or writes, in a fixed order (operands by name: a plan's maps may be unordered). */
final class StepBuffers {
    private StepBuffers() {}

    static List<Buffer> of(Step step) {
        List<Buffer> out = new ArrayList<>();
        if (step instanceof Step.Affine a) {
            out.addAll(List.of(a.out(), a.weight(), a.bias(), a.in()));
        } else if (step instanceof Step.Elementwise e) {
            for (Step.Assignment as : e.assignments()) {
                out.add(as.target());
            }
            out.addAll(new TreeMap<>(e.operands()).values());
        } else if (step instanceof Step.Softmax s) {
            out.addAll(List.of(s.out(), s.in()));
        } else if (step instanceof Step.LossTerm l) {
            out.addAll(new TreeMap<>(l.operands()).values());
        } else if (step instanceof Step.SoftmaxCrossEntropy c) {
            out.addAll(List.of(c.logits(), c.target()));
        } else if (step instanceof Step.BackpropDelta d) {
            out.addAll(List.of(d.delta(), d.weight(), d.next()));
            out.addAll(new TreeMap<>(d.operands()).values());
        } else if (step instanceof Step.SoftmaxJacobian j) {
            out.addAll(List.of(j.delta(), j.probabilities(), j.outputGradient()));
        } else if (step instanceof Step.WeightGradient w) {
            out.addAll(List.of(w.gradient(), w.delta(), w.in()));
        } else if (step instanceof Step.BiasGradient b) {
            out.addAll(List.of(b.gradient(), b.delta()));
        }
        return out;
    }
}
