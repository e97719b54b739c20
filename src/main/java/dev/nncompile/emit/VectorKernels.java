package dev.nncompile.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.nncompile.derive.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The matrix kernels of {@link Kernels#SIMD}: register-blocked micro-kernels written with the Vector API.
 *
 * <p>Every product is one of two shapes over rows whose columns are whole vectors (rows are {@link Fields#pad}
 * aligned, so there is no masked tail):
 * <ul>
 *   <li>{@code out[s][j] = c[j] + Σk in[s][k]·w[k][j]} (the forward product, and the backpropagated delta through a
 *       transposed weight copy): a block of {@link #ROWS} rows s × {@link #VECTORS} vectors of j keeps its
 *       {@code ROWS·VECTORS} sums in registers for the whole sum over k, loading each weight vector once for
 *       {@code ROWS} rows, where a plain axpy loads and stores its accumulator row for every product;</li>
 *   <li>{@code g[k][j] = Σs in[s][k]·d[s][j]} (the weight gradient): the same block over rows k, summing over s.</li>
 * </ul>
 * Eight accumulators, two loaded vectors and one broadcast fit the 16 vector registers of AVX2 with room to spare,
 * and eight independent FMA chains cover the FMA latency (4 cycles, 2 per cycle). Each sum adds its products in the
 * order of the plain kernels; an FMA rounds once where the plain loop rounds twice, the only difference between the
 * two.
 */
final class VectorKernels {
    /** Rows of a register block: samples in the products, weight rows in the weight gradient. */
    static final int ROWS = 4;
    /** Vectors of a register block: {@code ROWS × VECTORS} accumulators. */
    static final int VECTORS = 2;
    private static final String PACKAGE = "jdk.incubator.vector";

    private final Fields fields;
    private final Real real;
    private final ClassName vector;
    private final Set<String> methodNames;
    private final List<MethodSpec> kernels = new ArrayList<>();
    private final List<WorkerPool.Task> tasks = new ArrayList<>();

    VectorKernels(Fields fields, Real real, Set<String> methodNames) {
        this.fields = fields;
        this.real = real;
        this.vector = vectorClass(real);
        this.methodNames = methodNames;
    }

    private static ClassName vectorClass(Real real) {
        return ClassName.get(PACKAGE, real.isFloat() ? "FloatVector" : "DoubleVector");
    }

    /**
     * The register-block methods rendered since the last call. Each block shape is a method of its own: C2 stops
     * inlining once a compilation grows past its node budget, and a Vector API call left out of line boxes its
     * vectors, so one method holding every block of a product allocated on each call (seen on JDK 17).
     */
    List<MethodSpec> takeKernels() {
        List<MethodSpec> out = List.copyOf(kernels);
        kernels.clear();
        return out;
    }

    /** The products split over the worker threads, in task-number order (empty on one thread). */
    List<WorkerPool.Task> tasks() {
        return List.copyOf(tasks);
    }

    private String kernelName(String base) {
        String name = base;
        for (int i = 2; !methodNames.add(name); i++) {
            name = base + i;
        }
        return name;
    }

    /**
     * The species the kernels use: the platform's preferred shape capped at 512 bits, so that a register block
     * ({@link #VECTORS} vectors) never outgrows the padding ({@link Fields#pad}) and padded rows are whole blocks on
     * every CPU.
     */
    static void addConstants(TypeSpec.Builder type, Real real) {
        ClassName vector = vectorClass(real);
        TypeName species = ParameterizedTypeName.get(ClassName.get(PACKAGE, "VectorSpecies"),
                real.isFloat() ? ClassName.get(Float.class) : ClassName.get(Double.class));
        type.addField(FieldSpec.builder(species, "SPECIES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The vector shape of the matrix kernels: the CPU's preferred one, at most 512 bits.\n")
                .initializer("$T.SPECIES_PREFERRED.vectorBitSize() <= 512 ? $T.SPECIES_PREFERRED : $T.SPECIES_512",
                        vector, vector, vector)
                .build());
        type.addField(FieldSpec.builder(TypeName.INT, "LANES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Elements per vector; $L of them divide every padded row length ($L).\n", VECTORS,
                        Fields.pad(real.precision()))
                .initializer("SPECIES.length()").build());
    }

    // ---- forward ---------------------------------------------------------------------------------------------

    /** {@code out = bias + in·W} over the call's n samples. */
    void affine(CodeBlock.Builder code, Step.Affine a) {
        Storage out = fields.get(a.out());
        Storage w = fields.get(a.weight());
        Storage b = fields.get(a.bias());
        Storage in = fields.get(a.in());
        code.add("// $L[s][j] = $L[j] + Σk $L[s][k]·$L[k][j]: blocks of $L samples × $L vectors of units held in"
                + " registers\n", a.out().name(), a.bias().name(), a.in().name(), a.weight().name(), ROWS, VECTORS);
        product(code, out, in, w, b, w.rows());
    }

    /**
     * The sum of {@code BackpropDelta}, {@code Σj d[s][j]·W[k][j]}, into the rows of the earlier delta: W is copied
     * output-major first, so the product has the forward's shape and its kernel (the copy costs 1/n of the
     * product's work).
     */
    void backpropSum(CodeBlock.Builder code, Step.BackpropDelta d) {
        Storage delta = fields.get(d.delta());
        Storage next = fields.get(d.next());
        Storage w = fields.get(d.weight());
        Storage wT = fields.transposedWeight(d.weight());
        String t = real.keyword();
        code.add("// $L[s][k] = Σj $L[s][j]·$L[k][j], through the output-major copy $L\n", d.delta().name(),
                d.next().name(), d.weight().name(), wT.name());
        code.beginControlFlow("for (int k = 0; k < $L; k++)", w.rows());
        code.addStatement("$L[] $L = $L[k]", t, w.row(), w.name());
        code.beginControlFlow("for (int j = 0; j < $L; j++)", w.cols());
        code.addStatement("$L[j][k] = $L[j]", wT.name(), w.row());
        code.endControlFlow();
        code.endControlFlow();
        product(code, delta, next, wT, null, w.cols());
    }

    /** {@code out[s][j] = bias[j] (or 0) + Σk in[s][k]·w[k][j]} for k below {@code terms}, over out's padded row. */
    private void product(CodeBlock.Builder code, Storage out, Storage in, Storage w, Storage bias, int terms) {
        MethodSpec rows = productKernel(out, in, w, bias, terms, ROWS);
        MethodSpec one = productKernel(out, in, w, bias, terms, 1);
        CodeBlock.Builder loop = CodeBlock.builder();
        loop.beginControlFlow("for (int j = from; j < to; j += $L * LANES)", VECTORS);
        loop.addStatement("int s = 0");
        loop.beginControlFlow("for (; s <= n - $L; s += $L)", ROWS, ROWS);
        loop.addStatement("$N(s, j)", rows);
        loop.endControlFlow();
        loop.beginControlFlow("for (; s < n; s++)");
        loop.addStatement("$N(s, j)", one);
        loop.endControlFlow();
        loop.endControlFlow();
        MethodSpec columns = kernel("Columns" + StepRenderer.capitalize(out.name()), loop.build(),
                "Units from .. to − 1 of " + out.name() + " (whole register blocks) for the call's n samples.", "n",
                "from", "to");
        callColumns(code, columns, out.stride());
    }

    /** All columns on this thread, or a dispatch that splits them over the workers. */
    private void callColumns(CodeBlock.Builder code, MethodSpec columns, int stride) {
        if (fields.kernels().threads() == 1) {
            code.addStatement("$N(n, 0, $L)", columns, stride);
        } else {
            code.addStatement("parallel($L, n)", tasks.size());
            tasks.add(new WorkerPool.Task(columns, stride));
        }
    }

    private MethodSpec productKernel(Storage out, Storage in, Storage w, Storage bias, int terms, int rows) {
        String t = real.keyword();
        CodeBlock.Builder code = CodeBlock.builder();
        for (int r = 0; r < rows; r++) {
            code.addStatement("$L[] in$L = $L[s + $L]", t, r, in.name(), r);
        }
        for (int v = 0; v < VECTORS; v++) {
            if (bias == null) {
                code.addStatement("$T init$L = $T.zero(SPECIES)", vector, v, vector);
            } else {
                code.addStatement("$T init$L = $T.fromArray(SPECIES, $L, j + $L)", vector, v, vector, bias.name(),
                        offset(v));
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int v = 0; v < VECTORS; v++) {
                code.addStatement("$T acc$L$L = init$L", vector, r, v, v);
            }
        }
        code.beginControlFlow("for (int k = 0; k < $L; k++)", terms);
        code.addStatement("$L[] row = $L[k]", t, w.name());
        for (int v = 0; v < VECTORS; v++) {
            code.addStatement("$T wv$L = $T.fromArray(SPECIES, row, j + $L)", vector, v, vector, offset(v));
        }
        for (int r = 0; r < rows; r++) {
            code.addStatement("$T xv$L = $T.broadcast(SPECIES, in$L[k])", vector, r, vector, r);
            for (int v = 0; v < VECTORS; v++) {
                code.addStatement("acc$L$L = wv$L.fma(xv$L, acc$L$L)", r, v, v, r, r, v);
            }
        }
        code.endControlFlow();
        for (int r = 0; r < rows; r++) {
            for (int v = 0; v < VECTORS; v++) {
                code.addStatement("acc$L$L.intoArray($L[s + $L], j + $L)", r, v, out.name(), r, offset(v));
            }
        }
        return kernel(StepRenderer.capitalize(out.name()) + "Rows" + rows, code.build(),
                "Samples s .. s + " + (rows - 1) + " of " + out.name() + ", units j .. j + " + VECTORS
                        + "·LANES − 1.", "s", "j");
    }

    // ---- backward --------------------------------------------------------------------------------------------

    /** {@code g[k][j] = Σs in[s][k]·d[s][j]}: blocks of weight rows × vectors of units, summed over the samples. */
    void weightGradient(CodeBlock.Builder code, Step.WeightGradient wg) {
        Storage g = fields.get(wg.gradient());
        Storage d = fields.get(wg.delta());
        Storage in = fields.get(wg.in());
        code.add("// $L[k][j] = Σs $L[s][k]·$L[s][j]: blocks of $L weight rows × $L vectors of units held in"
                + " registers\n", wg.gradient().name(), wg.in().name(), wg.delta().name(), ROWS, VECTORS);
        MethodSpec rows = gradientKernel(g, d, in, ROWS);
        MethodSpec one = gradientKernel(g, d, in, 1);
        CodeBlock.Builder loop = CodeBlock.builder();
        loop.beginControlFlow("for (int j = from; j < to; j += $L * LANES)", VECTORS);
        loop.addStatement("int k = 0");
        loop.beginControlFlow("for (; k <= $L; k += $L)", g.rows() - ROWS, ROWS);
        loop.addStatement("$N(k, j, n)", rows);
        loop.endControlFlow();
        loop.beginControlFlow("for (; k < $L; k++)", g.rows());
        loop.addStatement("$N(k, j, n)", one);
        loop.endControlFlow();
        loop.endControlFlow();
        MethodSpec columns = kernel("Columns" + StepRenderer.capitalize(g.name()), loop.build(),
                "Units from .. to − 1 of " + g.name() + " (whole register blocks), summed over the call's n samples.",
                "n", "from", "to");
        callColumns(code, columns, g.stride());
    }

    private MethodSpec gradientKernel(Storage g, Storage d, Storage in, int rows) {
        String t = real.keyword();
        CodeBlock.Builder code = CodeBlock.builder();
        for (int r = 0; r < rows; r++) {
            for (int v = 0; v < VECTORS; v++) {
                code.addStatement("$T acc$L$L = $T.zero(SPECIES)", vector, r, v, vector);
            }
        }
        code.beginControlFlow("for (int s = 0; s < n; s++)");
        code.addStatement("$L[] inRow = $L[s]", t, in.name());
        code.addStatement("$L[] deltaRow = $L[s]", t, d.name());
        for (int v = 0; v < VECTORS; v++) {
            code.addStatement("$T dv$L = $T.fromArray(SPECIES, deltaRow, j + $L)", vector, v, vector, offset(v));
        }
        for (int r = 0; r < rows; r++) {
            code.addStatement("$T xv$L = $T.broadcast(SPECIES, inRow[k + $L])", vector, r, vector, r);
            for (int v = 0; v < VECTORS; v++) {
                code.addStatement("acc$L$L = dv$L.fma(xv$L, acc$L$L)", r, v, v, r, r, v);
            }
        }
        code.endControlFlow();
        for (int r = 0; r < rows; r++) {
            for (int v = 0; v < VECTORS; v++) {
                code.addStatement("acc$L$L.intoArray($L[k + $L], j + $L)", r, v, g.name(), r, offset(v));
            }
        }
        return kernel(StepRenderer.capitalize(g.name()) + "Rows" + rows, code.build(),
                "Rows k .. k + " + (rows - 1) + " of " + g.name() + ", units j .. j + " + VECTORS
                        + "·LANES − 1, over the call's n samples.", "k", "j", "n");
    }

    /** {@code g[j] = Σs d[s][j]}, a vector of units at a time, in sample order. */
    void biasGradient(CodeBlock.Builder code, Step.BiasGradient bg) {
        Storage g = fields.get(bg.gradient());
        Storage d = fields.get(bg.delta());
        code.add("// $L[j] = Σs $L[s][j], a vector of units at a time\n", bg.gradient().name(), bg.delta().name());
        code.beginControlFlow("for (int j = 0; j < $L; j += LANES)", g.stride());
        code.addStatement("$T sum = $T.zero(SPECIES)", vector, vector);
        code.beginControlFlow("for (int s = 0; s < n; s++)");
        code.addStatement("sum = sum.add($T.fromArray(SPECIES, $L[s], j))", vector, d.name());
        code.endControlFlow();
        code.addStatement("sum.intoArray($L, j)", g.name());
        code.endControlFlow();
    }

    // ---- shared ----------------------------------------------------------------------------------------------

    private MethodSpec kernel(String base, CodeBlock code, String doc, String... intParameters) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(kernelName("kernel" + base)).addModifiers(Modifier.PRIVATE)
                .addJavadoc("$L\n", doc);
        for (String p : intParameters) {
            m.addParameter(TypeName.INT, p);
        }
        MethodSpec spec = m.addCode(code).build();
        kernels.add(spec);
        return spec;
    }

    private static String offset(int v) {
        return v == 0 ? "0" : v == 1 ? "LANES" : v + " * LANES";
    }
}
