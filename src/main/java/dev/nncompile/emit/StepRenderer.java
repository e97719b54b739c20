package dev.nncompile.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.nncompile.derive.Buffer;
import dev.nncompile.derive.Step;
import dev.nncompile.sym.Expr;
import dev.nncompile.sym.Exprs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.lang.model.element.Modifier;

/**
 * Renders the steps of one plan phase as private methods, one per step (so every method stays far below HotSpot's
 * 8 000-byte JIT limit whatever the network's size), and the phase method that calls them in order.
 *
 * <p>Loop shapes (perf-anchors.md): inner loops are unit-stride axpy loops over one row array, which C2
 * auto-vectorises; no floating-point reduction sits in an inner loop except the short row sums of softmax and loss.
 * An {@link Step.Elementwise} activation right after the {@link Step.Affine} that produces its input is fused into
 * the affine's sample blocks, while the rows are still in cache.
 */
final class StepRenderer {
    /** Samples per block of the forward product: each weight row loaded once serves this many samples. */
    static final int SAMPLE_BLOCK = 8;
    /** Weight rows per block of the weight gradient: each delta row loaded once serves this many rows. */
    static final int ROW_BLOCK = 8;
    /**
     * Products added per pass over a row in the matrix kernels (register blocking along the sum): a loop that adds
     * one product per element loads and stores its accumulator row for every product and is bound by L1 traffic
     * (perf-anchors.md: two loads and a store per multiply-add).
     */
    static final int UNROLL = 4;
    /** Name of the accumulated product inside a BackpropDelta factor. */
    private static final String ACCUMULATED = "\u03a3product";

    private final Fields fields;
    private final Real real;
    private final Scalars scalars;
    private final MethodNames methodNames;
    private final ElementwiseRenderer elementwise;
    /** The Vector API kernels of {@link Kernels#SIMD}, or null for plain loops. */
    private final VectorKernels vector;
    /** The loops split over the worker threads. */
    private final ParallelCalls parallel;
    /** Methods a step method calls, rendered since the last step: an update's row range. */
    private final List<MethodSpec> helpers = new ArrayList<>();

    StepRenderer(Fields fields, Real real, Scalars scalars, MethodNames methodNames) {
        this.fields = fields;
        this.real = real;
        this.scalars = scalars;
        this.methodNames = methodNames;
        this.elementwise = new ElementwiseRenderer(fields, real, scalars);
        this.parallel = new ParallelCalls(fields.kernels().threads(), fields.network().training().batch());
        this.vector = fields.kernels().vectorApi() ? new VectorKernels(fields, real, methodNames, parallel) : null;
    }

    /** One rendered phase: the step methods and the calls the phase method makes. */
    record Phase(List<MethodSpec> methods, CodeBlock calls) {}

    /**
     * Renders the steps. In the loss phase each step method returns its contribution and the calls add it to the
     * local {@code loss}; elsewhere they are plain calls.
     */
    Phase render(List<Step> steps, String prefix, boolean loss) {
        List<MethodSpec> methods = new ArrayList<>();
        CodeBlock.Builder calls = CodeBlock.builder();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            Step.Elementwise fused = null;
            if (step instanceof Step.Affine a && i + 1 < steps.size()
                    && steps.get(i + 1) instanceof Step.Elementwise e && fusable(a, e)) {
                fused = e;
                i++;
            }
            MethodSpec method = method(step, fused, prefix, loss);
            methods.add(method);
            if (vector != null) {
                methods.addAll(vector.takeKernels());
            }
            methods.addAll(helpers);
            helpers.clear();
            if (loss && returnsLoss(step)) {
                calls.addStatement("loss += $N(n)", method);
            } else {
                calls.addStatement("$N(n)", method);
            }
        }
        return new Phase(methods, calls.build());
    }

    /** The loops split over the worker threads, in task-number order. */
    List<WorkerPool.Task> tasks() {
        return parallel.tasks();
    }

    private static boolean returnsLoss(Step step) {
        return step instanceof Step.LossTerm || step instanceof Step.SoftmaxCrossEntropy;
    }

    /** An elementwise step can run per row inside the affine's blocks when it only touches per-sample rows. */
    private boolean fusable(Step.Affine a, Step.Elementwise e) {
        Storage out = fields.get(a.out());
        for (Buffer b : StepBuffers.of(e)) {
            Storage s = fields.get(b);
            if (s.shape() != Storage.Shape.PER_SAMPLE || s.cols() != out.cols()) {
                return false;
            }
        }
        for (Step.Assignment as : e.assignments()) {
            if (as.target().name().equals(a.in().name())) {
                return false;
            }
        }
        return true;
    }

    private MethodSpec method(Step step, Step.Elementwise fused, String prefix, boolean loss) {
        List<String> doc = new ArrayList<>(StepText.describe(step));
        if (fused != null) {
            doc.addAll(StepText.describe(fused));
        }
        String name = methodName(step, prefix);
        MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE)
                .addParameter(TypeName.INT, "n");
        m.addJavadoc("$L", StepText.javadoc(String.join("\n", doc)) + "\n");
        m.returns(loss && returnsLoss(step) ? TypeName.DOUBLE : TypeName.VOID);
        CodeBlock.Builder code = CodeBlock.builder();
        if (step instanceof Step.Affine a && fields.small(a.weight())) {
            wholeProduct(code, fused, () -> smallAffine(code, a));
        } else if (step instanceof Step.Affine a && vector != null) {
            wholeProduct(code, fused, () -> vector.affine(code, a));
        } else if (step instanceof Step.Affine a) {
            affine(code, a, fused);
        } else if (step instanceof Step.Elementwise e && splitsRows(e)) {
            parallelRows(code, e, name);
        } else if (step instanceof Step.Elementwise e) {
            elementwise.standalone(code, e);
        } else if (step instanceof Step.Softmax s) {
            softmax(code, s);
        } else if (step instanceof Step.LossTerm l) {
            elementwise.lossTerm(code, l);
        } else if (step instanceof Step.SoftmaxCrossEntropy c) {
            crossEntropy(code, c);
        } else if (step instanceof Step.BackpropDelta d && fields.small(d.weight())) {
            smallBackpropSum(code, d);
            deltaFactor(code, d, fields.get(d.delta()).row() + "[j]");
        } else if (step instanceof Step.BackpropDelta d && vector != null) {
            vector.backpropSum(code, d);
            deltaFactor(code, d, fields.get(d.delta()).name() + "[s][j]");
        } else if (step instanceof Step.BackpropDelta d) {
            backpropDelta(code, d);
        } else if (step instanceof Step.SoftmaxJacobian j) {
            softmaxJacobian(code, j);
        } else if (step instanceof Step.WeightGradient w && fields.small(w.gradient())) {
            smallWeightGradient(code, w);
        } else if (step instanceof Step.WeightGradient w && vector != null) {
            vector.weightGradient(code, w);
        } else if (step instanceof Step.WeightGradient w) {
            weightGradient(code, w);
        } else if (step instanceof Step.BiasGradient b && fields.small(b.gradient())) {
            smallBiasGradient(code, b);
        } else if (step instanceof Step.BiasGradient b && vector != null) {
            vector.biasGradient(code, b);
        } else if (step instanceof Step.BiasGradient b) {
            biasGradient(code, b);
        } else if (step instanceof Step.ScalarDef d) {
            elementwise.scalar(code, d);
        }
        return m.addCode(code.build()).build();
    }

    /** Whether an elementwise step over a weight matrix is split by rows over the worker threads. */
    private boolean splitsRows(Step.Elementwise e) {
        Storage shape = elementwise.shapeOf(e);
        return shape.shape() == Storage.Shape.MATRIX && parallel.splitsRows(shape.rows(), shape.cols());
    }

    /** An update split by rows: the rows go to a method of their own, the step method dispatches its chunks. */
    private void parallelRows(CodeBlock.Builder code, Step.Elementwise e, String name) {
        Storage shape = elementwise.shapeOf(e);
        CodeBlock.Builder body = CodeBlock.builder();
        elementwise.rows(body, e, "from", "to");
        MethodSpec rows = MethodSpec.methodBuilder(methodNames.unique(name + "Rows")).addModifiers(Modifier.PRIVATE)
                .addJavadoc("Rows from .. to − 1 of {@link #$L(int)}: a chunk of the parallel update.\n", name)
                .addParameter(TypeName.INT, "n").addParameter(TypeName.INT, "from").addParameter(TypeName.INT, "to")
                .addCode(body.build()).build();
        helpers.add(rows);
        parallel.rows(code, rows, shape.rows(), shape.cols());
    }

    private String methodName(Step step, String prefix) {
        String base;
        if (step instanceof Step.Affine a) {
            base = prefix + capitalize(fields.get(a.out()).name());
        } else if (step instanceof Step.Elementwise e) {
            // named after the parameter it updates when there is one (Adam writes m and v first)
            Buffer named = e.assignments().get(0).target();
            for (Step.Assignment as : e.assignments()) {
                if (as.target().isParameter()) {
                    named = as.target();
                }
            }
            base = prefix + capitalize(fields.get(named).name());
        } else if (step instanceof Step.Softmax s) {
            base = prefix + capitalize(fields.get(s.out()).name());
        } else if (step instanceof Step.LossTerm) {
            base = prefix + "Term";
        } else if (step instanceof Step.SoftmaxCrossEntropy) {
            base = prefix + "CrossEntropy";
        } else if (step instanceof Step.BackpropDelta d) {
            base = prefix + capitalize(fields.get(d.delta()).name());
        } else if (step instanceof Step.SoftmaxJacobian j) {
            base = prefix + capitalize(fields.get(j.delta()).name());
        } else if (step instanceof Step.WeightGradient w) {
            base = prefix + capitalize(fields.get(w.gradient()).name());
        } else if (step instanceof Step.BiasGradient b) {
            base = prefix + capitalize(fields.get(b.gradient()).name());
        } else {
            base = "scalar" + capitalize(Fields.javaName(((Step.ScalarDef) step).name()));
        }
        return methodNames.unique(base);
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    // ---- forward ---------------------------------------------------------------------------------------------

    private void affine(CodeBlock.Builder code, Step.Affine a, Step.Elementwise fused) {
        Storage out = fields.get(a.out());
        Storage w = fields.get(a.weight());
        Storage b = fields.get(a.bias());
        Storage in = fields.get(a.in());
        String t = real.keyword();
        int u = Math.min(UNROLL, w.rows());
        int main = w.rows() - w.rows() % u;
        if (fused != null) {
            elementwise.declareScalars(code, fused);
        }
        code.add("// $L[s][j] = $L[j] + Σk $L[j][k]·$L[s][k], $L samples per block so that each weight row\n",
                a.out().name(), a.bias().name(), a.weight().name(), a.in().name(), SAMPLE_BLOCK);
        code.add("// serves $L samples; the inner loop is an axpy over the units j (weights stored input-major)"
                + " that\n", SAMPLE_BLOCK);
        code.add("// adds $L weight rows at once, in k order (the same sums as one row at a time), so each output"
                + " row\n// is loaded and stored once per $L products\n", u, u);
        code.beginControlFlow("for (int s0 = 0; s0 < n; s0 += $L)", SAMPLE_BLOCK);
        code.addStatement("int s1 = Math.min(n, s0 + $L)", SAMPLE_BLOCK);
        code.beginControlFlow("for (int s = s0; s < s1; s++)");
        code.addStatement("System.arraycopy($L, 0, $L[s], 0, $L)", b.name(), out.name(), out.cols());
        code.endControlFlow();
        if (main > 0) {
            code.beginControlFlow("for (int k = 0; k < $L; k += $L)", main, u);
            for (int i = 0; i < u; i++) {
                code.addStatement("$L[] $L$L = $L[k + $L]", t, w.row(), i, w.name(), i);
            }
            code.beginControlFlow("for (int s = s0; s < s1; s++)");
            code.addStatement("$L[] $L = $L[s]", t, in.row(), in.name());
            for (int i = 0; i < u; i++) {
                code.addStatement("$L in$L = $L[k + $L]", t, i, in.row(), i);
            }
            code.addStatement("$L[] $L = $L[s]", t, out.row(), out.name());
            code.beginControlFlow("for (int j = 0; j < $L; j++)", out.cols());
            code.addStatement("$L[j] = $L[j]$L", out.row(), out.row(), terms("in", w.row(), "[j]", u));
            code.endControlFlow();
            code.endControlFlow();
            code.endControlFlow();
        }
        if (main < w.rows()) {
            code.beginControlFlow("for (int k = $L; k < $L; k++)", main, w.rows());
            code.addStatement("$L[] $L = $L[k]", t, w.row(), w.name());
            code.beginControlFlow("for (int s = s0; s < s1; s++)");
            code.addStatement("$L in = $L[s][k]", t, in.name());
            code.addStatement("$L[] $L = $L[s]", t, out.row(), out.name());
            code.beginControlFlow("for (int j = 0; j < $L; j++)", out.cols());
            code.addStatement("$L[j] += in * $L[j]", out.row(), w.row());
            code.endControlFlow();
            code.endControlFlow();
            code.endControlFlow();
        }
        if (fused != null) {
            for (String line : StepText.describe(fused)) {
                code.add("// $L, fused: row s is complete\n", line);
            }
            elementwise.loop(code, fused, "s0", "s1");
        }
        code.endControlFlow();
    }

    /**
     * The product of a {@linkplain Fields#small small} layer written out: one statement per unit, its terms in k
     * order after the bias, so each sum is rounded exactly as the loops would round it.
     */
    private void smallAffine(CodeBlock.Builder code, Step.Affine a) {
        Storage out = fields.get(a.out());
        Storage w = fields.get(a.weight());
        Storage b = fields.get(a.bias());
        Storage in = fields.get(a.in());
        String t = real.keyword();
        code.add("// $L[s][j] = $L[j] + Σk $L[j][k]·$L[s][k], written out term by term ($L × $L weights: loops would"
                + " cost\n// more than the arithmetic)\n", a.out().name(), a.bias().name(), a.weight().name(),
                a.in().name(), w.rows(), w.cols());
        weightRows(code, w);
        code.beginControlFlow("for (int s = 0; s < n; s++)");
        code.addStatement("$L[] $L = $L[s]", t, in.row(), in.name());
        for (int k = 0; k < w.rows(); k++) {
            code.addStatement("$L in$L = $L[$L]", t, k, in.row(), k);
        }
        code.addStatement("$L[] $L = $L[s]", t, out.row(), out.name());
        for (int j = 0; j < out.cols(); j++) {
            code.addStatement("$L[$L] = $L[$L]$L", out.row(), j, b.name(), j, terms("in", w.row(), "[" + j + "]",
                    w.rows()));
        }
        code.endControlFlow();
    }

    /**
     * A product computed for every sample of the call at once (the vector kernels' register blocks, a small layer's
     * written-out statements), then the activation fused with it, if any, over the same rows while they are warm.
     */
    private void wholeProduct(CodeBlock.Builder code, Step.Elementwise fused, Runnable product) {
        if (fused != null) {
            elementwise.declareScalars(code, fused);
        }
        product.run();
        if (fused != null) {
            for (String line : StepText.describe(fused)) {
                code.add("// $L\n", line);
            }
            elementwise.loop(code, fused, "0", "n");
        }
    }

    /** {@code float[] wRow0 = w[0]; …}: every row of a small layer's weight-shaped matrix in a local. */
    private void weightRows(CodeBlock.Builder code, Storage w) {
        for (int k = 0; k < w.rows(); k++) {
            code.addStatement("$L[] $L$L = $L[$L]", real.keyword(), w.row(), k, w.name(), k);
        }
    }

    /**
     * {@code " + f0 * r0[j] + f1 * r1[j] + …"}: u products added left to right, so the sum is rounded exactly as
     * u successive {@code +=} would round it (Java never contracts a·b + c into one fused multiply-add).
     */
    private static String terms(String factor, String row, String index, int u) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < u; i++) {
            out.append(" + ").append(factor).append(i).append(" * ").append(row).append(i).append(index);
        }
        return out.toString();
    }

    private void softmax(CodeBlock.Builder code, Step.Softmax sm) {
        Storage out = fields.get(sm.out());
        Storage in = fields.get(sm.in());
        String t = real.keyword();
        code.add("// $L[s] = softmax($L[s]): subtract the row maximum so exp never overflows\n",
                sm.out().name(), sm.in().name());
        code.beginControlFlow("for (int s = 0; s < n; s++)");
        code.addStatement("$L[] $L = $L[s]", t, in.row(), in.name());
        code.addStatement("$L[] $L = $L[s]", t, out.row(), out.name());
        code.addStatement("$L max = $L[0]", t, in.row());
        code.beginControlFlow("for (int j = 1; j < $L; j++)", in.cols());
        code.addStatement("max = Math.max(max, $L[j])", in.row());
        code.endControlFlow();
        code.addStatement("$L sum = $L", t, real.literal(0));
        code.beginControlFlow("for (int j = 0; j < $L; j++)", in.cols());
        code.addStatement("$L e = $L$L", t, real.cast(),
                HelperFunctions.expOfNonPositive(real, in.row() + "[j] - max"));
        code.addStatement("$L[j] = e", out.row());
        code.addStatement("sum += e");
        code.endControlFlow();
        code.addStatement("$L inv = $L / sum", t, real.literal(1));
        code.beginControlFlow("for (int j = 0; j < $L; j++)", in.cols());
        code.addStatement("$L[j] *= inv", out.row());
        code.endControlFlow();
        code.endControlFlow();
    }

    // ---- loss ------------------------------------------------------------------------------------------------

    private void crossEntropy(CodeBlock.Builder code, Step.SoftmaxCrossEntropy c) {
        Storage z = fields.get(c.logits());
        Storage y = fields.get(c.target());
        code.add("// Σs Σj $L[s][j]·(lse($L[s]) − $L[s][j]), lse by the max-shifted log-sum-exp: finite for any"
                + " logits\n", c.target().name(), c.logits().name(), c.logits().name());
        code.addStatement("double total = 0.0");
        code.beginControlFlow("for (int s = 0; s < n; s++)");
        code.addStatement("$L[] $L = $L[s]", real.keyword(), z.row(), z.name());
        code.addStatement("$L[] $L = $L[s]", real.keyword(), y.row(), y.name());
        code.addStatement("double max = $L[0]", z.row());
        code.beginControlFlow("for (int j = 1; j < $L; j++)", z.cols());
        code.addStatement("max = Math.max(max, $L[j])", z.row());
        code.endControlFlow();
        code.addStatement("double sum = 0.0");
        code.beginControlFlow("for (int j = 0; j < $L; j++)", z.cols());
        code.addStatement("sum += $L", HelperFunctions.expOfNonPositive(real, z.row() + "[j] - max"));
        code.endControlFlow();
        code.addStatement("double lse = max + Math.log(sum)");
        code.beginControlFlow("for (int j = 0; j < $L; j++)", z.cols());
        code.addStatement("total += $L[j] * (lse - $L[j])", y.row(), z.row());
        code.endControlFlow();
        code.endControlFlow();
        code.addStatement("return total / n");
    }

    // ---- backward --------------------------------------------------------------------------------------------

    private void backpropDelta(CodeBlock.Builder code, Step.BackpropDelta d) {
        Storage next = fields.get(d.next());
        Storage w = fields.get(d.weight());
        Storage nextT = fields.transposed(d.next());
        Storage deltaT = fields.transposed(d.delta());
        String t = real.keyword();
        code.add("// $L = ($Lᵀ·$L) ⊙ f′: the product as axpy loops over the batch on transposed rows, because C2\n",
                d.delta().name(), d.weight().name(), d.next().name());
        code.add("// does not vectorise a dot product (a strict-order float reduction)\n");
        code.beginControlFlow("for (int s = 0; s < n; s++)");
        code.addStatement("$L[] $L = $L[s]", t, next.row(), next.name());
        code.beginControlFlow("for (int j = 0; j < $L; j++)", next.cols());
        code.addStatement("$L[j][s] = $L[j]", nextT.name(), next.row());
        code.endControlFlow();
        code.endControlFlow();
        int u = Math.min(UNROLL, w.cols());
        int main = w.cols() - w.cols() % u;
        code.beginControlFlow("for (int k = 0; k < $L; k++)", w.rows());
        code.addStatement("$L[] acc = $L[k]", t, deltaT.name());
        code.addStatement("$L[] $L = $L[k]", t, w.row(), w.name());
        code.addStatement("$T.fill(acc, 0, n, $L)", Arrays.class, real.literal(0));
        if (main > 0) {
            code.add("// $L units per pass over acc, added in j order\n", u);
            code.beginControlFlow("for (int j = 0; j < $L; j += $L)", main, u);
            for (int i = 0; i < u; i++) {
                code.addStatement("$L weight$L = $L[j + $L]", t, i, w.row(), i);
                code.addStatement("$L[] $L$L = $L[j + $L]", t, nextT.row(), i, nextT.name(), i);
            }
            code.beginControlFlow("for (int s = 0; s < n; s++)");
            code.addStatement("acc[s] = acc[s]$L", terms("weight", nextT.row(), "[s]", u));
            code.endControlFlow();
            code.endControlFlow();
        }
        if (main < w.cols()) {
            code.beginControlFlow("for (int j = $L; j < $L; j++)", main, w.cols());
            code.addStatement("$L weight = $L[j]", t, w.row());
            code.addStatement("$L[] $L = $L[j]", t, nextT.row(), nextT.name());
            code.beginControlFlow("for (int s = 0; s < n; s++)");
            code.addStatement("acc[s] += weight * $L[s]", nextT.row());
            code.endControlFlow();
            code.endControlFlow();
        }
        code.endControlFlow();
        deltaFactor(code, d, deltaT.name() + "[j][s]");
    }

    /**
     * The sum of a {@linkplain Fields#small small} layer's {@code BackpropDelta}, {@code Σj next[s][j]·W[k][j]},
     * written out into the rows of the earlier delta, terms in j order from 0 as the loops add them.
     */
    private void smallBackpropSum(CodeBlock.Builder code, Step.BackpropDelta d) {
        Storage delta = fields.get(d.delta());
        Storage next = fields.get(d.next());
        Storage w = fields.get(d.weight());
        String t = real.keyword();
        code.add("// $L[s][k] = Σj $L[s][j]·$L[j][k], written out term by term ($L × $L weights)\n",
                d.delta().name(), d.next().name(), d.weight().name(), w.rows(), w.cols());
        weightRows(code, w);
        code.beginControlFlow("for (int s = 0; s < n; s++)");
        code.addStatement("$L[] $L = $L[s]", t, next.row(), next.name());
        for (int j = 0; j < w.cols(); j++) {
            code.addStatement("$L next$L = $L[$L]", t, j, next.row(), j);
        }
        code.addStatement("$L[] $L = $L[s]", t, delta.row(), delta.name());
        for (int k = 0; k < w.rows(); k++) {
            StringBuilder sum = new StringBuilder(real.literal(0));
            for (int j = 0; j < w.cols(); j++) {
                sum.append(" + next").append(j).append(" * ").append(w.row()).append(k).append('[').append(j)
                        .append(']');
            }
            code.addStatement("$L[$L] = $L", delta.row(), k, sum);
        }
        code.endControlFlow();
    }

    /** {@code delta[s][j] = Σ · factor}, the sum of the product read from {@code sum} (a Java array element). */
    private void deltaFactor(CodeBlock.Builder code, Step.BackpropDelta d, String sum) {
        Storage delta = fields.get(d.delta());
        Expr value = Exprs.mul(Exprs.var(ACCUMULATED), d.factor());
        code.add("// $L[s][j] = Σ·($L)\n", d.delta().name(), StepText.formula(d.factor(), d.operands()));
        Map<String, Buffer> operands = new TreeMap<>(d.operands());
        elementwise.rowLoop(code, delta, List.of(new ElementwiseRenderer.Write(delta, value)), operands,
                Map.of(ACCUMULATED, sum), "0", "n");
    }

    private void softmaxJacobian(CodeBlock.Builder code, Step.SoftmaxJacobian sj) {
        Storage delta = fields.get(sj.delta());
        Storage p = fields.get(sj.probabilities());
        Storage g = fields.get(sj.outputGradient());
        String t = real.keyword();
        code.add("// $L[s][j] = $L[s][j]·($L[s][j] − Σk $L[s][k]·$L[s][k])\n", sj.delta().name(),
                sj.probabilities().name(), sj.outputGradient().name(), sj.probabilities().name(),
                sj.outputGradient().name());
        code.beginControlFlow("for (int s = 0; s < n; s++)");
        code.addStatement("$L[] $L = $L[s]", t, p.row(), p.name());
        code.addStatement("$L[] $L = $L[s]", t, g.row(), g.name());
        code.addStatement("$L[] $L = $L[s]", t, delta.row(), delta.name());
        code.addStatement("$L dot = $L", t, real.literal(0));
        code.beginControlFlow("for (int k = 0; k < $L; k++)", p.cols());
        code.addStatement("dot += $L[k] * $L[k]", p.row(), g.row());
        code.endControlFlow();
        code.beginControlFlow("for (int j = 0; j < $L; j++)", p.cols());
        code.addStatement("$L[j] = $L[j] * ($L[j] - dot)", delta.row(), p.row(), g.row());
        code.endControlFlow();
        code.endControlFlow();
    }

    private void weightGradient(CodeBlock.Builder code, Step.WeightGradient wg) {
        Storage g = fields.get(wg.gradient());
        code.add("// $L[j][k] = Σs $L[s][j]·$L[s][k], stored input-major; $L weight rows per block share each\n",
                wg.gradient().name(), wg.delta().name(), wg.in().name(), ROW_BLOCK);
        code.add("// delta row, and the inner loop is an axpy over the units j adding $L samples per pass, in sample"
                + " order.\n", UNROLL);
        code.add("// The first pass writes 0 + products instead of adding to a zeroed row: the same sums, one pass"
                + " fewer\n");
        code.beginControlFlow("for (int k0 = 0; k0 < $L; k0 += $L)", g.rows(), ROW_BLOCK);
        code.addStatement("int k1 = Math.min($L, k0 + $L)", g.rows(), ROW_BLOCK);
        code.addStatement("int s");
        code.beginControlFlow("if (n >= $L)", UNROLL);
        gradientPass(code, wg, UNROLL, true);
        code.addStatement("s = $L", UNROLL);
        code.nextControlFlow("else");
        gradientPass(code, wg, 1, true);
        code.addStatement("s = 1");
        code.endControlFlow();
        code.beginControlFlow("for (; s <= n - $L; s += $L)", UNROLL, UNROLL);
        gradientPass(code, wg, UNROLL, false);
        code.endControlFlow();
        code.beginControlFlow("for (; s < n; s++)");
        gradientPass(code, wg, 1, false);
        code.endControlFlow();
        code.endControlFlow();
    }

    /**
     * Samples s .. s + u of the weight gradient over rows k0 .. k1: {@code g[j] = g[j] + in0·d0[j] + …}, or, when
     * {@code first}, {@code g[j] = 0 + in0·d0[j] + …} (bit-identical to adding to a row of zeros).
     */
    private void gradientPass(CodeBlock.Builder code, Step.WeightGradient wg, int u, boolean first) {
        Storage g = fields.get(wg.gradient());
        Storage delta = fields.get(wg.delta());
        Storage in = fields.get(wg.in());
        String t = real.keyword();
        String at = first ? "" : "s + ";
        for (int i = 0; i < u; i++) {
            code.addStatement("$L[] $L$L = $L[$L$L]", t, delta.row(), i, delta.name(), at, i);
            code.addStatement("$L[] $L$L = $L[$L$L]", t, in.row(), i, in.name(), at, i);
        }
        code.beginControlFlow("for (int k = k0; k < k1; k++)");
        for (int i = 0; i < u; i++) {
            code.addStatement("$L in$L = $L$L[k]", t, i, in.row(), i);
        }
        code.addStatement("$L[] $L = $L[k]", t, g.row(), g.name());
        code.beginControlFlow("for (int j = 0; j < $L; j++)", g.cols());
        code.addStatement("$L[j] = $L$L", g.row(), first ? real.literal(0) : g.row() + "[j]",
                terms("in", delta.row(), "[j]", u));
        code.endControlFlow();
        code.endControlFlow();
    }

    /**
     * The weight gradient of a {@linkplain Fields#small small} layer: one local accumulator per weight, samples
     * added in order from 0 as the loops add them, stored once at the end.
     */
    private void smallWeightGradient(CodeBlock.Builder code, Step.WeightGradient wg) {
        Storage g = fields.get(wg.gradient());
        Storage delta = fields.get(wg.delta());
        Storage in = fields.get(wg.in());
        String t = real.keyword();
        code.add("// $L[j][k] = Σs $L[s][j]·$L[s][k], stored input-major, written out term by term ($L × $L"
                + " weights):\n// one accumulator per weight, samples added in order\n", wg.gradient().name(),
                wg.delta().name(), wg.in().name(), g.rows(), g.cols());
        for (int k = 0; k < g.rows(); k++) {
            for (int j = 0; j < g.cols(); j++) {
                code.addStatement("$L sum$L_$L = $L", t, k, j, real.literal(0));
            }
        }
        code.beginControlFlow("for (int s = 0; s < n; s++)");
        code.addStatement("$L[] $L = $L[s]", t, delta.row(), delta.name());
        code.addStatement("$L[] $L = $L[s]", t, in.row(), in.name());
        for (int j = 0; j < g.cols(); j++) {
            code.addStatement("$L delta$L = $L[$L]", t, j, delta.row(), j);
        }
        for (int k = 0; k < g.rows(); k++) {
            code.addStatement("$L in$L = $L[$L]", t, k, in.row(), k);
            for (int j = 0; j < g.cols(); j++) {
                code.addStatement("sum$L_$L += in$L * delta$L", k, j, k, j);
            }
        }
        code.endControlFlow();
        weightRows(code, g);
        for (int k = 0; k < g.rows(); k++) {
            for (int j = 0; j < g.cols(); j++) {
                code.addStatement("$L$L[$L] = sum$L_$L", g.row(), k, j, k, j);
            }
        }
    }

    /** The bias gradient of a {@linkplain Fields#small small} layer: one local accumulator per unit. */
    private void smallBiasGradient(CodeBlock.Builder code, Step.BiasGradient bg) {
        Storage g = fields.get(bg.gradient());
        Storage delta = fields.get(bg.delta());
        String t = real.keyword();
        code.add("// $L[j] = Σs $L[s][j], one accumulator per unit, samples added in order\n", bg.gradient().name(),
                bg.delta().name());
        for (int j = 0; j < g.cols(); j++) {
            code.addStatement("$L sum$L = $L", t, j, real.literal(0));
        }
        code.beginControlFlow("for (int s = 0; s < n; s++)");
        code.addStatement("$L[] $L = $L[s]", t, delta.row(), delta.name());
        for (int j = 0; j < g.cols(); j++) {
            code.addStatement("sum$L += $L[$L]", j, delta.row(), j);
        }
        code.endControlFlow();
        for (int j = 0; j < g.cols(); j++) {
            code.addStatement("$L[$L] = sum$L", g.name(), j, j);
        }
    }

    private void biasGradient(CodeBlock.Builder code, Step.BiasGradient bg) {
        Storage g = fields.get(bg.gradient());
        Storage delta = fields.get(bg.delta());
        code.add("// $L[j] = Σs $L[s][j]\n", bg.gradient().name(), bg.delta().name());
        code.addStatement("$T.fill($L, $L)", Arrays.class, g.name(), real.literal(0));
        code.beginControlFlow("for (int s = 0; s < n; s++)");
        code.addStatement("$L[] $L = $L[s]", real.keyword(), delta.row(), delta.name());
        code.beginControlFlow("for (int j = 0; j < $L; j++)", g.cols());
        code.addStatement("$L[j] += $L[j]", g.name(), delta.row());
        code.endControlFlow();
        code.endControlFlow();
    }
}
