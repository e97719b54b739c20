package dev.nncompile.emit;

import com.palantir.javapoet.CodeBlock;
import dev.nncompile.derive.Buffer;
import dev.nncompile.derive.Step;
import dev.nncompile.sym.Expr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Renders elementwise work, whose right-hand sides are {@link Expr}s printed by {@link dev.nncompile.sym.JavaPrinter}:
 * {@link Step.Elementwise} assignments, loss sums, backprop factors and scalar definitions. One loop nest per step:
 * samples (or weight rows) outside, one row's elements j inside, each array's row held in a local.
 */
final class ElementwiseRenderer {

    /** {@code target[i] = value}, or, with a null target, {@code sum += value}. */
    record Write(Storage target, Expr value) {}

    private final Fields fields;
    private final Real real;
    private final Scalars scalars;

    ElementwiseRenderer(Fields fields, Real real, Scalars scalars) {
        this.fields = fields;
        this.real = real;
        this.scalars = scalars;
    }

    /** A whole elementwise step as its own method body: over the call's n samples, or every parameter element. */
    void standalone(CodeBlock.Builder code, Step.Elementwise e) {
        declareScalars(code, e);
        for (String line : StepText.describe(e)) {
            code.add("// $L\n", line);
        }
        loop(code, e, "0", "n");
    }

    /** The loop nest of an elementwise step; per-sample steps run samples {@code from} ≤ s &lt; {@code to}. */
    void loop(CodeBlock.Builder code, Step.Elementwise e, String from, String to) {
        Storage shape = fields.get(e.assignments().get(0).target());
        List<Write> writes = new ArrayList<>();
        for (Step.Assignment as : e.assignments()) {
            writes.add(new Write(fields.get(as.target()), as.value()));
        }
        // assignments run in order per element, so a later one reading an earlier target sees the new value
        rowLoop(code, shape, writes, new TreeMap<>(e.operands()), Map.of(), from, to);
    }

    /** loss term: scale · Σ term over every element of the operands. */
    void lossTerm(CodeBlock.Builder code, Step.LossTerm l) {
        declareScalars(code, List.of(l.term(), l.scale()), l.operands().keySet());
        code.add("// $L\n", StepText.describe(l).get(0));
        code.addStatement("double sum = 0.0");
        TreeMap<String, Buffer> operands = new TreeMap<>(l.operands());
        if (operands.isEmpty()) {
            code.addStatement("sum = $L", real.printer().print(l.term(), scalars.naming(Map.of())));
        } else {
            Storage shape = fields.get(operands.firstEntry().getValue());
            rowLoop(code, shape, List.of(new Write(null, l.term())), operands, Map.of(), "0", "n");
        }
        code.addStatement("double scale = $L", real.printer().print(l.scale(), scalars.naming(Map.of())));
        code.addStatement("return sum * scale");
    }

    void scalar(CodeBlock.Builder code, Step.ScalarDef d) {
        declareScalars(code, List.of(d.value()), Set.of());
        code.addStatement("$L = $L", scalars.field(d.name()), real.printer().print(d.value(), scalars.naming(Map.of())));
    }

    void declareScalars(CodeBlock.Builder code, Step.Elementwise e) {
        List<Expr> values = new ArrayList<>();
        for (Step.Assignment as : e.assignments()) {
            values.add(as.value());
        }
        declareScalars(code, values, e.operands().keySet());
    }

    /** Locals for the scalars N (the call's batch size) and t (the optimizer step) when the expressions read them. */
    void declareScalars(CodeBlock.Builder code, List<Expr> exprs, Set<String> operands) {
        if (Scalars.reads(exprs, operands, Step.BATCH_SIZE)) {
            code.addStatement("final $L N = n", real.keyword());
        }
        if (Scalars.reads(exprs, operands, Step.STEP_COUNT)) {
            code.addStatement("final $L t = step", real.keyword());
        }
    }

    /**
     * The loop nest over {@code shape}'s elements: per sample rows s in [from, to), weight rows k, or a bias vector;
     * then the elements j. {@code extra} names further variables (e.g. a transposed accumulator).
     */
    void rowLoop(CodeBlock.Builder code, Storage shape, List<Write> writes, Map<String, Buffer> operands,
                 Map<String, String> extra, String from, String to) {
        Map<String, Storage> arrays = new LinkedHashMap<>();
        for (Write w : writes) {
            if (w.target() != null) {
                arrays.put(w.target().name(), w.target());
            }
        }
        Map<String, String> elements = new LinkedHashMap<>(extra);
        Set<String> read = new java.util.TreeSet<>();
        for (Write w : writes) {
            read.addAll(dev.nncompile.sym.Exprs.freeVariables(w.value()));
        }
        for (Map.Entry<String, Buffer> op : operands.entrySet()) {
            if (!read.contains(op.getKey())) {
                continue;   // an operand the expressions never read needs no row
            }
            Storage s = fields.get(op.getValue());
            arrays.put(s.name(), s);
            elements.put(op.getKey(), element(s));
        }
        for (Storage s : arrays.values()) {
            if (s.shape() != Storage.Shape.VECTOR && s.shape() != shape.shape()) {
                throw new IllegalStateException("elementwise step mixes " + s.shape() + " and " + shape.shape()
                        + " buffers: " + s.buffer().name());
            }
        }
        Function<String, String> naming = scalars.naming(elements);
        String index = shape.shape() == Storage.Shape.PER_SAMPLE ? "s" : "k";
        if (shape.shape() == Storage.Shape.PER_SAMPLE) {
            code.beginControlFlow("for (int s = $L; s < $L; s++)", from, to);
        } else if (shape.shape() == Storage.Shape.MATRIX) {
            code.beginControlFlow("for (int k = 0; k < $L; k++)", shape.rows());
        }
        if (shape.shape() != Storage.Shape.VECTOR) {
            for (Storage s : arrays.values()) {
                if (s.shape() != Storage.Shape.VECTOR) {
                    code.addStatement("$L[] $L = $L[$L]", real.keyword(), s.row(), s.name(), index);
                }
            }
        }
        code.beginControlFlow("for (int j = 0; j < $L; j++)", shape.cols());
        for (Write w : writes) {
            String value = real.printer().print(w.value(), naming);
            if (w.target() == null) {
                code.addStatement("sum += $L", value);
            } else {
                code.addStatement("$L = $L", element(w.target()), value);
            }
        }
        code.endControlFlow();
        if (shape.shape() != Storage.Shape.VECTOR) {
            code.endControlFlow();
        }
    }

    private static String element(Storage s) {
        return s.shape() == Storage.Shape.VECTOR ? s.name() + "[j]" : s.row() + "[j]";
    }
}
