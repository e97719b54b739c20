package dev.nncompile.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.nncompile.derive.Step;
import dev.nncompile.derive.TrainingPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import javax.lang.model.element.Modifier;

/**
 * The matrix kernels of {@link Kernels#SIMD}: register-blocked micro-kernels written with the Vector API.
 *
 * <p>Every product is one of two shapes over rows whose columns are whole vectors (rows are {@link Fields#pad}
 * aligned, so there is no masked tail):
 * <ul>
 *   <li>{@code out[s][j] = c[j] + Σk in[s][k]·B[k][j]} (the forward product with B = W, and the backpropagated
 *       delta with B = Wᵀ): a block of {@link #ROWS} rows s × {@link #VECTORS} vectors of j keeps its
 *       {@code ROWS·VECTORS} sums in registers for the whole sum over k, loading each B vector once for
 *       {@code ROWS} rows, where a plain axpy loads and stores its accumulator row for every product;</li>
 *   <li>{@code g[k][j] = Σs in[s][k]·d[s][j]} (the weight gradient): the same block over rows k, summing over s.</li>
 * </ul>
 * Eight accumulators, two loaded vectors and one broadcast fit the 16 vector registers of AVX2 with room to spare,
 * and eight independent FMA chains cover the FMA latency (4 cycles, 2 per cycle).
 *
 * <p>The streamed operands are packed first, as BLAS libraries do: the {@code VECTORS·LANES} columns a block loads, for
 * every term of the sum, are copied into one contiguous panel of the {@code panels} scratch ({@code [column
 * block][term][2·LANES]}), and a weight gradient's inputs into quads of the {@code quads} scratch ({@code [k /
 * ROWS][sample][ROWS]}). The kernel then reads two sequential streams of one array each instead of one row array per
 * term (a row load, its bounds check and a line a whole row further on per iteration), which made the 784-512-256-10
 * trainer 1.5× faster. Packing costs 1/n of the product for W (per {@link #PACKED_BLOCKS} column blocks, on the thread
 * that computes them) and 1/units for the gradient's inputs; a forward product over fewer than {@link #ROWS} samples (a
 * single {@code predict}) reads the weight rows directly instead, where packing would cost as much as the product.
 * Every path adds the products of a sum in the order of the plain kernels, so packing never changes a bit; an
 * FMA rounds once where the plain loop rounds twice, the only difference between the two.
 */
final class VectorKernels {
    /** Rows of a register block: samples in the products, weight rows in the weight gradient. */
    static final int ROWS = 4;
    /** Vectors of a register block: {@code ROWS × VECTORS} accumulators. */
    static final int VECTORS = 2;
    /**
     * Column blocks a forward product packs in one pass over W's rows: it reads {@code PACKED_BLOCKS·VECTORS·LANES}
     * adjacent values of each row (four cache lines with AVX2 floats) where one block reads a single line per row, and
     * a row of W is a whole row further on. Packing one block at a time waited on L3 for every line (W was rewritten
     * by the last update): 0.49–0.65 ms of a 7 ms mlp-wide step against 0.19–0.31 in four-block passes. Four
     * panels of 784 terms (200 KB with AVX2 floats) still sit in L2 when the register blocks read them.
     */
    static final int PACKED_BLOCKS = 4;
    static final String PACKAGE = "jdk.incubator.vector";
    private final Fields fields;
    private final Real real;
    private final ClassName vector;
    private final MethodNames methodNames;
    private final List<MethodSpec> kernels = new ArrayList<>();
    private final ParallelCalls parallel;

    VectorKernels(Fields fields, Real real, MethodNames methodNames, ParallelCalls parallel) {
        this.fields = fields;
        this.parallel = parallel;
        this.real = real;
        this.vector = vectorClass(real);
        this.methodNames = methodNames;
    }

    static ClassName vectorClass(Real real) {
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

    /**
     * The packing scratch the kernels share (one product runs at a time; its threads fill disjoint column
     * blocks), allocated once with the class and as long as the largest product needs in the layouts indexed below:
     * a forward product's panels hold W's padded columns × its rows, a backpropagated delta's the delta's padded
     * columns × W's columns, a weight gradient's the delta's padded columns × the batch, and its quads the inputs
     * rounded up to whole quads × the batch. Layers written out term by term ({@link Fields#small}) pack nothing.
     */
    static void addScratch(TypeSpec.Builder type, Real real, Fields fields, TrainingPlan plan) {
        int batch = fields.network().training().batch();
        long panels = 0;
        long quads = 0;
        for (List<Step> phase : List.of(plan.forward(), plan.backward())) {
            for (Step step : phase) {
                if (step instanceof Step.Affine a && !fields.small(a.weight())) {
                    Storage w = fields.get(a.weight());
                    panels = Math.max(panels, (long) w.rows() * w.stride());
                } else if (step instanceof Step.BackpropDelta d && !fields.small(d.weight())) {
                    panels = Math.max(panels, (long) fields.get(d.weight()).cols() * fields.get(d.delta()).stride());
                } else if (step instanceof Step.WeightGradient g && !fields.small(g.gradient())) {
                    Storage gradient = fields.get(g.gradient());
                    panels = Math.max(panels, (long) gradient.stride() * batch);
                    quads = Math.max(quads, (long) (gradient.rows() + ROWS - 1) / ROWS * ROWS * batch);
                }
            }
        }
        if (Math.max(panels, quads) > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a layer too large for one Java array: " + Math.max(panels, quads));
        }
        if (panels > 0) {
            type.addField(FieldSpec.builder(real.vector(), "panels", Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc("Scratch of the matrix kernels: a product's streamed operand packed into panels"
                            + " [column block][term][2·LANES].\n")
                    .initializer("new $L[$L]", real.keyword(), panels).build());
        }
        if (quads > 0) {
            type.addField(FieldSpec.builder(real.vector(), "quads", Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc("Scratch of the weight-gradient kernels: a layer's inputs packed into quads"
                            + " [k / $L][sample][$L].\n", ROWS, ROWS)
                    .initializer("new $L[$L]", real.keyword(), quads).build());
        }
    }

    // ---- forward ---------------------------------------------------------------------------------------------

    /** {@code out = bias + in·W} over the call's n samples. */
    void affine(CodeBlock.Builder code, Step.Affine a) {
        Storage out = fields.get(a.out());
        Storage w = fields.get(a.weight());
        Storage b = fields.get(a.bias());
        Storage in = fields.get(a.in());
        int terms = w.rows();
        code.add("// $L[s][j] = $L[j] + Σk $L[s][k]·$L[k][j]: blocks of $L samples × $L vectors of units held in"
                + " registers, each block's columns of $L packed into one panel first\n", a.out().name(),
                a.bias().name(), a.in().name(), a.weight().name(), ROWS, VECTORS, a.weight().name());
        CodeBlock.Builder pack = CodeBlock.builder();
        pack.add("// panels [k][2·LANES] of $L's columns j0 .. end − 1, one pass over its rows\n", w.name());
        pack.beginControlFlow("for (int k = 0; k < $L; k++)", terms);
        pack.addStatement("$L[] row = $L[k]", real.keyword(), w.name());
        pack.beginControlFlow("for (int j = j0, p = j0 * $L + k * $L * LANES; j < end; j += $L * LANES,"
                + " p += $L * LANES)", terms, VECTORS, VECTORS, terms * VECTORS);
        copyToPanel(pack);
        pack.endControlFlow();
        pack.endControlFlow();
        MethodSpec direct = productKernel(out, in, b, terms, 1, w);
        CodeBlock.Builder unpacked = CodeBlock.builder();
        unpacked.beginControlFlow("if (n < $L)", ROWS);
        unpacked.add("// too few samples to pay for the packing: read the rows of $L directly\n", w.name());
        unpacked.beginControlFlow("for (int j = from; j < to; j += $L * LANES)", VECTORS);
        unpacked.beginControlFlow("for (int s = 0; s < n; s++)");
        unpacked.addStatement("$N(s, j)", direct);
        unpacked.endControlFlow();
        unpacked.endControlFlow();
        unpacked.addStatement("return");
        unpacked.endControlFlow();
        product(code, out, in, b, terms, unpacked.build(), pack.build());
    }

    /**
     * The sum of {@code BackpropDelta}, {@code Σj d[s][j]·W[k][j]}, into the rows of the earlier delta: the forward's
     * kernel over panels of Wᵀ, each packed from {@code 2·LANES} rows of W (zeros past its last row, so the
     * delta's padding stays zero).
     */
    void backpropSum(CodeBlock.Builder code, Step.BackpropDelta d) {
        Storage delta = fields.get(d.delta());
        Storage next = fields.get(d.next());
        Storage w = fields.get(d.weight());
        int terms = w.cols();
        code.add("// $L[s][k] = Σj $L[s][j]·$L[k][j]: the forward's blocks over panels of $Lᵀ\n", d.delta().name(),
                d.next().name(), d.weight().name(), d.weight().name());
        CodeBlock.Builder pack = CodeBlock.builder();
        pack.add("// panels [j][2·LANES] of $Lᵀ: rows j0 .. end − 1 of $L, transposed\n", w.name(), w.name());
        pack.beginControlFlow("for (int j = j0; j < end; j += $L * LANES)", VECTORS);
        pack.beginControlFlow("for (int c = 0; c < $L * LANES; c++)", VECTORS);
        pack.addStatement("int p = j * $L + c", terms);
        pack.beginControlFlow("if (j + c < $L)", w.rows());
        pack.addStatement("$L[] row = $L[j + c]", real.keyword(), w.name());
        pack.beginControlFlow("for (int t = 0; t < $L; t++, p += $L * LANES)", terms, VECTORS);
        pack.addStatement("panels[p] = row[t]");
        pack.endControlFlow();
        pack.nextControlFlow("else");
        pack.beginControlFlow("for (int t = 0; t < $L; t++, p += $L * LANES)", terms, VECTORS);
        pack.addStatement("panels[p] = 0");
        pack.endControlFlow();
        pack.endControlFlow();
        pack.endControlFlow();
        pack.endControlFlow();
        product(code, delta, next, null, terms, CodeBlock.of(""), pack.build());
    }

    /**
     * {@code out[s][j] = bias[j] (or 0) + Σk in[s][k]·panel[k][j]} for k below {@code terms}, over out's padded row:
     * per {@link #PACKED_BLOCKS} column blocks j0 .. end − 1, {@code pack} fills their panels, then the register
     * blocks run over the samples, one column block after the other.
     */
    private void product(CodeBlock.Builder code, Storage out, Storage in, Storage bias, int terms, CodeBlock before,
            CodeBlock pack) {
        List<MethodSpec> blocks = new ArrayList<>();
        for (int rows = 1; rows <= ROWS; rows++) {
            blocks.add(productKernel(out, in, bias, terms, rows, null));
        }
        CodeBlock.Builder loop = CodeBlock.builder();
        loop.add(before);
        loop.beginControlFlow("for (int j0 = from; j0 < to; j0 += $L * LANES)", PACKED_BLOCKS * VECTORS);
        loop.addStatement("int end = Math.min(to, j0 + $L * LANES)", PACKED_BLOCKS * VECTORS);
        loop.add(pack);
        loop.beginControlFlow("for (int j = j0; j < end; j += $L * LANES)", VECTORS);
        blocks(loop, "s", Count.runtime("n"), blocks, kernel -> CodeBlock.of("$N(s, j);\n", kernel));
        loop.endControlFlow();
        loop.endControlFlow();
        MethodSpec columns = kernel("Columns" + StepRenderer.capitalize(out.name()), loop.build(),
                "Units from .. to − 1 of " + out.name() + " (whole register blocks) for the call's n samples.", "n",
                "from", "to");
        parallel.columns(code, columns, out.stride(), (long) terms * out.stride());
    }

    /**
     * A register block of the product: reading the packed panel of columns j .. j + 2·LANES − 1, or with
     * {@code rowsOf} the rows of that matrix directly.
     */
    private MethodSpec productKernel(Storage out, Storage in, Storage bias, int terms, int rows, Storage rowsOf) {
        String t = real.keyword();
        CodeBlock.Builder code = CodeBlock.builder();
        for (int r = 0; r < rows; r++) {
            code.addStatement("$L[] in$L = $L[s + $L]", t, r, in.name(), r);
        }
        initAccumulators(code, rows, bias);
        if (rowsOf == null) {
            code.addStatement("int k = 0, p = j * $L", terms);
            termLoop(code, "k", Count.known(terms), CodeBlock.of("p += $L * LANES", 2 * VECTORS),
                    second -> fmaTerm(code, rows, "wv", "panels", second ? "p + " + VECTORS + " * LANES" : "p",
                            r -> "in" + r + (second ? "[k + 1]" : "[k]")));
        } else {
            code.beginControlFlow("for (int k = 0; k < $L; k++)", terms);
            code.addStatement("$L[] row = $L[k]", t, rowsOf.name());
            fmaTerm(code, rows, "wv", "row", "j", r -> "in" + r + "[k]");
            code.endControlFlow();
        }
        storeAccumulators(code, rows, out, "s");
        String source = rowsOf == null ? "the packed panel" : "the rows of " + rowsOf.name();
        return kernel(StepRenderer.capitalize(out.name()) + (rowsOf == null ? "" : "Direct") + "Rows" + rows,
                code.build(), "Samples s .. s + " + (rows - 1) + " of " + out.name() + ", units j .. j + " + VECTORS
                        + "·LANES − 1, from " + source + ".", "s", "j");
    }

    // ---- backward --------------------------------------------------------------------------------------------

    /**
     * {@code g[k][j] = Σs in[s][k]·d[s][j]}: blocks of weight rows × vectors of units, summed over the samples, from
     * the inputs packed into quads (once, before the columns are split) and a panel of the deltas per column block.
     */
    void weightGradient(CodeBlock.Builder code, Step.WeightGradient wg) {
        Storage g = fields.get(wg.gradient());
        Storage d = fields.get(wg.delta());
        Storage in = fields.get(wg.in());
        code.add("// $L[k][j] = Σs $L[s][k]·$L[s][j]: blocks of $L weight rows × $L vectors of units held in"
                + " registers\n", wg.gradient().name(), wg.in().name(), wg.delta().name(), ROWS, VECTORS);
        code.add("// quads [k / $L][s][$L] of $L, one contiguous stream per block of rows\n", ROWS, ROWS,
                in.name());
        int whole = g.rows() / ROWS * ROWS;
        if (whole > 0) {
            code.beginControlFlow("for (int k = 0, q = 0; k < $L; k += $L)", whole, ROWS);
            code.beginControlFlow("for (int s = 0; s < n; s++, q += $L)", ROWS);
            code.addStatement("$L[] row = $L[s]", real.keyword(), in.name());
            for (int r = 0; r < ROWS; r++) {
                code.addStatement("quads[q + $L] = row[k + $L]", r, r);
            }
            code.endControlFlow();
            code.endControlFlow();
        }
        if (whole < g.rows()) {
            code.beginControlFlow("for (int s = 0, q = $L * n; s < n; s++, q += $L)", whole, ROWS);
            code.addStatement("$L[] row = $L[s]", real.keyword(), in.name());
            for (int r = 0; whole + r < g.rows(); r++) {
                code.addStatement("quads[q + $L] = row[$L]", r, whole + r);
            }
            code.endControlFlow();
        }
        List<MethodSpec> blocks = new ArrayList<>();
        for (int rows = 1; rows <= ROWS; rows++) {
            blocks.add(rows == ROWS || rows == g.rows() % ROWS ? gradientKernel(g, rows) : null);
        }
        CodeBlock.Builder loop = CodeBlock.builder();
        loop.add("// panels [s][2·LANES] of $L's columns from .. to − 1\n", d.name());
        loop.beginControlFlow("for (int j = from; j < to; j += $L * LANES)", VECTORS);
        loop.beginControlFlow("for (int s = 0, p = j * n; s < n; s++, p += $L * LANES)", VECTORS);
        loop.addStatement("$L[] row = $L[s]", real.keyword(), d.name());
        copyToPanel(loop);
        loop.endControlFlow();
        loop.endControlFlow();
        loop.add("// rows outside, columns inside: a block's quad stays in L1 while the panels stream from L2\n");
        blocks(loop, "k", Count.known(g.rows()), blocks, kernel -> CodeBlock.builder()
                .beginControlFlow("for (int j = from; j < to; j += $L * LANES)", VECTORS)
                .addStatement("$N(k, j, n)", kernel)
                .endControlFlow().build());
        MethodSpec columns = kernel("Columns" + StepRenderer.capitalize(g.name()), loop.build(),
                "Units from .. to − 1 of " + g.name() + " (whole register blocks), summed over the call's n samples.",
                "n", "from", "to");
        parallel.columns(code, columns, g.stride(), (long) g.rows() * g.stride());
    }

    private MethodSpec gradientKernel(Storage g, int rows) {
        CodeBlock.Builder code = CodeBlock.builder();
        initAccumulators(code, rows, null);
        // k is a multiple of ROWS: rows k .. k + ROWS − 1 are one quad
        code.addStatement("int s = 0, p = j * n, q = k * n");
        termLoop(code, "s", Count.runtime("n"), CodeBlock.of("p += $L * LANES, q += $L", 2 * VECTORS, 2 * ROWS),
                second -> fmaTerm(code, rows, "dv", "panels", second ? "p + " + VECTORS + " * LANES" : "p",
                        r -> "quads[q + " + (second ? ROWS + r : r) + "]"));
        storeAccumulators(code, rows, g, "k");
        return kernel(StepRenderer.capitalize(g.name()) + "Rows" + rows, code.build(),
                "Rows k .. k + " + (rows - 1) + " of " + g.name() + ", units j .. j + " + VECTORS
                        + "·LANES − 1, over the call's n samples, from the packed quads and panel.", "k", "j", "n");
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

    /** {@code acc{r}{v}}, the sums of a block of {@code rows} rows, starting from the bias vectors at j, or zero. */
    private void initAccumulators(CodeBlock.Builder code, int rows, Storage bias) {
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
    }

    /**
     * A loop bound: a number known when the class is generated (the tests for a remainder then disappear from the
     * generated code), or code evaluated at run time.
     */
    private record Count(String code, int value) {
        static Count known(int value) {
            return new Count(String.valueOf(value), value);
        }

        static Count runtime(String code) {
            return new Count(code, -1);
        }

        boolean isKnown() {
            return value >= 0;
        }

        /** The bound less d, as code: a number when it is known. */
        String minus(int d) {
            return isKnown() ? String.valueOf(value - d) : code + " - " + d;
        }
    }

    /**
     * The loop over the terms of a block's sums below {@code count}: two terms per pass, each in its own scope, then
     * the last term of an odd count. {@code term(second)} renders the term at {@code var} (false) or {@code var + 1}
     * (true); {@code step} advances the other indices by two terms.
     * Two terms per pass is as far as the loop should be unrolled: C2 of JDK 25 unrolls a one-term loop four times
     * and spills the accumulators to the stack (disassembled; the kernel ran at 30 GFLOP/s there against 55 on JDK
     * 17), and with two terms per pass both JDKs keep every accumulator in a register. Each sum still adds its terms
     * in order, so the bits do not change.
     */
    private static void termLoop(CodeBlock.Builder code, String var, Count count, CodeBlock step,
            Consumer<Boolean> term) {
        code.beginControlFlow("for (; $L < $L; $L += 2, $L)", var, count.minus(1), var, step);
        for (boolean second : new boolean[] {false, true}) {
            code.add("{\n$>");
            term.accept(second);
            code.add("$<}\n");
        }
        code.endControlFlow();
        if (!count.isKnown()) {
            code.beginControlFlow("if ($L < $L)", var, count.code());
            code.add("// the last term of an odd count\n");
            term.accept(false);
            code.endControlFlow();
        } else if (count.value() % 2 == 1) {
            code.add("// the last term\n{\n$>");
            term.accept(false);
            code.add("$<}\n");
        }
    }

    /**
     * One term of a block's sums: the {@link #VECTORS} vectors {@code name0 …} loaded from {@code array} at
     * {@code index}, each multiplied by row r's broadcast {@code scalar(r)} into row r's accumulators.
     */
    private void fmaTerm(CodeBlock.Builder code, int rows, String name, String array, String index,
            IntFunction<String> scalar) {
        for (int v = 0; v < VECTORS; v++) {
            code.addStatement("$T $L$L = $T.fromArray(SPECIES, $L, $L + $L)", vector, name, v, vector, array, index,
                    offset(v));
        }
        for (int r = 0; r < rows; r++) {
            code.addStatement("$T xv$L = $T.broadcast(SPECIES, $L)", vector, r, vector, scalar.apply(r));
            for (int v = 0; v < VECTORS; v++) {
                code.addStatement("acc$L$L = $L$L.fma(xv$L, acc$L$L)", r, v, name, v, r, r, v);
            }
        }
    }

    /** Row r's accumulators into row {@code first + r} of {@code target}, units j .. j + 2·LANES − 1. */
    private void storeAccumulators(CodeBlock.Builder code, int rows, Storage target, String first) {
        for (int r = 0; r < rows; r++) {
            for (int v = 0; v < VECTORS; v++) {
                code.addStatement("acc$L$L.intoArray($L[$L + $L], j + $L)", r, v, target.name(), first, r, offset(v));
            }
        }
    }

    /** Columns j .. j + 2·LANES − 1 of the local {@code row} into {@code panels} from p. */
    private void copyToPanel(CodeBlock.Builder code) {
        for (int v = 0; v < VECTORS; v++) {
            code.addStatement("$T.fromArray(SPECIES, row, j + $L).intoArray(panels, p + $L)", vector, offset(v),
                    offset(v));
        }
    }

    /**
     * Whole register blocks of {@link #ROWS} rows over {@code var} below {@code limit}, then one block of the rows
     * left: a tail of two or three rows in one call keeps two or three times the independent FMA chains of single
     * rows (a lone row's two chains wait on the FMA latency).
     * {@code run} renders what a block does with its kernel (a call, or a loop of calls).
     */
    private static void blocks(CodeBlock.Builder loop, String var, Count limit, List<MethodSpec> bySize,
            Function<MethodSpec, CodeBlock> run) {
        loop.addStatement("int $L = 0", var);
        loop.beginControlFlow("for (; $L <= $L; $L += $L)", var, limit.minus(ROWS), var, ROWS);
        loop.add(run.apply(bySize.get(ROWS - 1)));
        loop.endControlFlow();
        if (limit.isKnown()) {
            if (limit.value() % ROWS != 0) {
                loop.add(run.apply(bySize.get(limit.value() % ROWS - 1)));
            }
            return;
        }
        loop.beginControlFlow("switch ($L - $L)", limit.code(), var);
        for (int rows = ROWS - 1; rows >= 1; rows--) {
            loop.add("case $L -> ", rows).add(run.apply(bySize.get(rows - 1)));
        }
        loop.add("default -> { }\n");
        loop.endControlFlow();
    }

    private MethodSpec kernel(String base, CodeBlock code, String doc, String... intParameters) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(methodNames.unique("kernel" + base))
                .addModifiers(Modifier.PRIVATE)
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
