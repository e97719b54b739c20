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
import java.util.Set;
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
    /** Name of the accumulated product inside a BackpropDelta factor. */
    private static final String ACCUMULATED = "\u03a3product";

    private final Fields fields;
    private final Real real;
    private final Scalars scalars;
    private final Set<String> methodNames;
    private final ElementwiseRenderer elementwise;

    StepRenderer(Fields fields, Real real, Scalars scalars, Set<String> methodNames) {
        this.fields = fields;
        this.real = real;
        this.scalars = scalars;
        this.methodNames = methodNames;
        this.elementwise = new ElementwiseRenderer(fields, real, scalars);
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
            if (loss && returnsLoss(step)) {
                calls.addStatement("loss += $N(n)", method);
            } else {
                calls.addStatement("$N(n)", method);
            }
        }
        return new Phase(methods, calls.build());
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
        if (step instanceof Step.Affine a) {
            affine(code, a, fused);
        } else if (step instanceof Step.Elementwise e) {
            elementwise.standalone(code, e);
        } else if (step instanceof Step.Softmax s) {
            softmax(code, s);
        } else if (step instanceof Step.LossTerm l) {
            elementwise.lossTerm(code, l);
        } else if (step instanceof Step.SoftmaxCrossEntropy c) {
            crossEntropy(code, c);
        } else if (step instanceof Step.BackpropDelta d) {
            backpropDelta(code, d);
        } else if (step instanceof Step.SoftmaxJacobian j) {
            softmaxJacobian(code, j);
        } else if (step instanceof Step.WeightGradient w) {
            weightGradient(code, w);
        } else if (step instanceof Step.BiasGradient b) {
            biasGradient(code, b);
        } else if (step instanceof Step.ScalarDef d) {
            elementwise.scalar(code, d);
        }
        return m.addCode(code.build()).build();
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
        String name = base;
        for (int i = 2; !methodNames.add(name); i++) {
            name = base + i;
        }
        return name;
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
        if (fused != null) {
            elementwise.declareScalars(code, fused);
        }
        code.add("// $L[s][j] = $L[j] + Σk $L[j][k]·$L[s][k], $L samples per block so that each weight row\n",
                a.out().name(), a.bias().name(), a.weight().name(), a.in().name(), SAMPLE_BLOCK);
        code.add("// serves $L samples; the inner loop is an axpy over the units j (weights stored input-major)\n",
                SAMPLE_BLOCK);
        code.beginControlFlow("for (int s0 = 0; s0 < n; s0 += $L)", SAMPLE_BLOCK);
        code.addStatement("int s1 = Math.min(n, s0 + $L)", SAMPLE_BLOCK);
        code.beginControlFlow("for (int s = s0; s < s1; s++)");
        code.addStatement("System.arraycopy($L, 0, $L[s], 0, $L)", b.name(), out.name(), out.cols());
        code.endControlFlow();
        code.beginControlFlow("for (int k = 0; k < $L; k++)", w.rows());
        code.addStatement("$L[] $L = $L[k]", t, w.row(), w.name());
        code.beginControlFlow("for (int s = s0; s < s1; s++)");
        code.addStatement("$L in = $L[s][k]", t, in.name());
        code.addStatement("$L[] $L = $L[s]", t, out.row(), out.name());
        code.beginControlFlow("for (int j = 0; j < $L; j++)", out.cols());
        code.addStatement("$L[j] += in * $L[j]", out.row(), w.row());
        code.endControlFlow();
        code.endControlFlow();
        code.endControlFlow();
        if (fused != null) {
            for (String line : StepText.describe(fused)) {
                code.add("// $L, fused: row s is complete\n", line);
            }
            elementwise.loop(code, fused, "s0", "s1");
        }
        code.endControlFlow();
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
        code.addStatement("$L e = $LMath.exp($L[j] - max)", t, real.cast(), in.row());
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
        code.addStatement("sum += Math.exp($L[j] - max)", z.row());
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
        Storage delta = fields.get(d.delta());
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
        code.beginControlFlow("for (int k = 0; k < $L; k++)", w.rows());
        code.addStatement("$L[] acc = $L[k]", t, deltaT.name());
        code.addStatement("$L[] $L = $L[k]", t, w.row(), w.name());
        code.addStatement("$T.fill(acc, 0, n, $L)", Arrays.class, real.literal(0));
        code.beginControlFlow("for (int j = 0; j < $L; j++)", w.cols());
        code.addStatement("$L weight = $L[j]", t, w.row());
        code.addStatement("$L[] $L = $L[j]", t, nextT.row(), nextT.name());
        code.beginControlFlow("for (int s = 0; s < n; s++)");
        code.addStatement("acc[s] += weight * $L[s]", nextT.row());
        code.endControlFlow();
        code.endControlFlow();
        code.endControlFlow();
        Expr value = Exprs.mul(Exprs.var(ACCUMULATED), d.factor());
        code.add("// $L[s][j] = Σ·($L)\n", d.delta().name(), StepText.formula(d.factor(), d.operands()));
        Map<String, Buffer> operands = new TreeMap<>(d.operands());
        elementwise.rowLoop(code, delta, List.of(new ElementwiseRenderer.Write(delta, value)), operands,
                Map.of(ACCUMULATED, deltaT.name() + "[j][s]"), "0", "n");
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
        Storage delta = fields.get(wg.delta());
        Storage in = fields.get(wg.in());
        String t = real.keyword();
        code.add("// $L[j][k] = Σs $L[s][j]·$L[s][k], stored input-major; $L weight rows per block share each\n",
                wg.gradient().name(), wg.delta().name(), wg.in().name(), ROW_BLOCK);
        code.add("// delta row, and the inner loop is an axpy over the units j\n");
        code.beginControlFlow("for (int k0 = 0; k0 < $L; k0 += $L)", g.rows(), ROW_BLOCK);
        code.addStatement("int k1 = Math.min($L, k0 + $L)", g.rows(), ROW_BLOCK);
        code.beginControlFlow("for (int k = k0; k < k1; k++)");
        code.addStatement("$T.fill($L[k], $L)", Arrays.class, g.name(), real.literal(0));
        code.endControlFlow();
        code.beginControlFlow("for (int s = 0; s < n; s++)");
        code.addStatement("$L[] $L = $L[s]", t, delta.row(), delta.name());
        code.addStatement("$L[] $L = $L[s]", t, in.row(), in.name());
        code.beginControlFlow("for (int k = k0; k < k1; k++)");
        code.addStatement("$L in = $L[k]", t, in.row());
        code.addStatement("$L[] $L = $L[k]", t, g.row(), g.name());
        code.beginControlFlow("for (int j = 0; j < $L; j++)", g.cols());
        code.addStatement("$L[j] += in * $L[j]", g.row(), delta.row());
        code.endControlFlow();
        code.endControlFlow();
        code.endControlFlow();
        code.endControlFlow();
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
