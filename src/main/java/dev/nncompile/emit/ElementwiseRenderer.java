package dev.nncompile.emit;

import com.palantir.javapoet.CodeBlock;
import dev.nncompile.derive.Buffer;
import dev.nncompile.derive.Step;
import dev.nncompile.sym.CommonSubexpressions;
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

    /**
     * Rows of at most this many elements are written out element by element instead of looped over: C2 would
     * unroll such a loop anyway, but compiles straight-line code faster (what matters in a short run), and rows this
     * short are too narrow for its vectoriser to gain anything.
     */
    static final int UNROLLED_COLS = 8;

    /**
     * Rows of at least this many elements run their supported expressions with the Vector API in {@code --simd}
     * classes; shorter rows stay scalar loops, which C2 unrolls: a few vector iterations gain little there, and
     * every vector expression is code C2 must inline whole, or its vectors are boxed.
     */
    static final int VECTOR_COLS = 64;

    /** {@code target[i] = value}, or, with a null target, {@code sum += value}. */
    record Write(Storage target, Expr value) {}

    private final Fields fields;
    private final Real real;
    private final Scalars scalars;
    /** Vector API rendering of the rows' elements ({@code --simd} classes), or null. */
    private final VectorExpressions vectors;

    ElementwiseRenderer(Fields fields, Real real, Scalars scalars) {
        this.fields = fields;
        this.real = real;
        this.scalars = scalars;
        this.vectors = fields.kernels().vectorApi() ? new VectorExpressions(real) : null;
    }

    /** A whole elementwise step as its own method body: over the call's n samples, or every parameter element. */
    void standalone(CodeBlock.Builder code, Step.Elementwise e) {
        rows(code, e, "0", rowCount(shapeOf(e)));
    }

    /** The storage an elementwise step loops over: its first target's (every target has the same shape). */
    Storage shapeOf(Step.Elementwise e) {
        return fields.get(e.assignments().get(0).target());
    }

    /** An elementwise step's rows {@code from} ≤ row &lt; {@code to} as a method body. */
    void rows(CodeBlock.Builder code, Step.Elementwise e, String from, String to) {
        declareScalars(code, e);
        for (String line : StepText.describe(e)) {
            code.add("// $L\n", line);
        }
        loop(code, e, from, to);
    }

    /** The rows of a buffer as code: the call's n samples, or a matrix's rows (a vector has one). */
    private static String rowCount(Storage shape) {
        return shape.shape() == Storage.Shape.PER_SAMPLE ? "n" : String.valueOf(shape.rows());
    }

    /** The loop nest of an elementwise step over rows {@code from} ≤ row &lt; {@code to} (samples or weight rows). */
    void loop(CodeBlock.Builder code, Step.Elementwise e, String from, String to) {
        Storage shape = shapeOf(e);
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
            rowLoop(code, shape, List.of(new Write(null, l.term())), operands, Map.of(), "0", rowCount(shape));
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
     * The loop nest over {@code shape}'s elements: per-sample rows s or weight rows k in [from, to), or a bias vector;
     * then the elements j. {@code extra} names further variables (e.g. a transposed accumulator), element j written
     * {@code [j]}.
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
            code.beginControlFlow("for (int k = $L; k < $L; k++)", from, to);
        }
        if (shape.shape() != Storage.Shape.VECTOR) {
            for (Storage s : arrays.values()) {
                if (s.shape() != Storage.Shape.VECTOR) {
                    code.addStatement("$L[] $L = $L[$L]", real.keyword(), s.row(), s.name(), index);
                }
            }
        }
        if (shape.cols() <= UNROLLED_COLS) {
            // a short row: its elements written out, no loop for C2 to unroll itself
            for (int j = 0; j < shape.cols(); j++) {
                elementWrites(code, writes, naming, "[" + j + "]");
            }
        } else if (vectors != null && shape.cols() >= VECTOR_COLS && writes.stream().allMatch(w -> w.target() != null
                && VectorExpressions.supports(w.value()))) {
            // LANES elements at a time (a condition is a blend, not a branch), then the last cols % LANES
            code.beginControlFlow("for (int j = 0; j < SPECIES.loopBound($L); j += LANES)", shape.cols());
            vectorWrites(code, writes, naming);
            code.endControlFlow();
            code.beginControlFlow("for (int j = SPECIES.loopBound($L); j < $L; j++)", shape.cols(), shape.cols());
            elementWrites(code, writes, naming, "[j]");
            code.endControlFlow();
        } else {
            code.beginControlFlow("for (int j = 0; j < $L; j++)", shape.cols());
            elementWrites(code, writes, naming, "[j]");
            code.endControlFlow();
        }
        if (shape.shape() != Storage.Shape.VECTOR) {
            code.endControlFlow();
        }
    }

    /** The writes of one element, every {@code [j]} of the names replaced by {@code index}. */
    private void elementWrites(CodeBlock.Builder code, List<Write> writes, Function<String, String> naming,
                               String index) {
        writes(code, writes, v -> naming.apply(v).replace("[j]", index), index);
    }

    /** The writes of LANES elements from j, as {@link #elementWrites} in the same order (same bits per lane). */
    private void vectorWrites(CodeBlock.Builder code, List<Write> writes, Function<String, String> naming) {
        writes(code, writes, naming, null);
    }

    /** Scalar writes of element {@code index}, or with a null index vector writes of the LANES elements from j. */
    private void writes(CodeBlock.Builder code, List<Write> writes, Function<String, String> naming, String index) {
        for (Write w : writes) {
            // shared subexpressions (σ(z) three times in swish′) become locals computed once per element; per
            // write, because a later assignment must see the values earlier ones stored
            CommonSubexpressions.Shared shared = CommonSubexpressions.share(List.of(w.value()));
            Map<String, String> locals = new LinkedHashMap<>();
            Function<String, String> withLocals = v -> locals.containsKey(v) ? locals.get(v) : naming.apply(v);
            for (CommonSubexpressions.Binding b : shared.temporaries()) {
                String local = fields.unique("common");
                if (index == null) {
                    code.addStatement("$T $L = $L", vectors.vectorType(), local,
                            vectors.print(b.value(), withLocals, locals.values()));
                } else {
                    code.addStatement("final $L $L = $L", real.keyword(), local,
                            real.printer().print(b.value(), withLocals));
                }
                locals.put(b.name(), local);
            }
            Expr root = shared.roots().get(0);
            if (index == null) {
                code.addStatement("$L$Z.intoArray($L, j)", vectors.print(root, withLocals, locals.values()),
                        VectorExpressions.arrayOf(element(w.target())));
            } else if (w.target() == null) {
                code.addStatement("sum += $L", real.printer().print(root, withLocals));
            } else {
                code.addStatement("$L = $L", element(w.target()).replace("[j]", index),
                        real.printer().print(root, withLocals));
            }
        }
    }

    private static String element(Storage s) {
        return s.shape() == Storage.Shape.VECTOR ? s.name() + "[j]" : s.row() + "[j]";
    }
}
