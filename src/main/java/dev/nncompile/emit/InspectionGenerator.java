package dev.nncompile.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.nncompile.derive.Buffer;
import dev.nncompile.model.Layer;
import dev.nncompile.model.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * What lets users and the {@code trace} command look inside: flat parameter and gradient views, per-layer copies of
 * z, a, δ, W, b and their gradients, and {@code gradientCheck} against central differences; plus the array helpers
 * (copy, flatten, finiteness) the rest of the class shares.
 */
final class InspectionGenerator {
    private final Network network;
    private final Fields fields;
    private final Real real;
    private final Snippet snippet;

    InspectionGenerator(Network network, Fields fields, Real real, Snippet snippet) {
        this.network = network;
        this.fields = fields;
        this.real = real;
        this.snippet = snippet;
    }

    void addTo(TypeSpec.Builder type) {
        addViews(type);
        addLayerAccessors(type);
        addGradientCheck(type);
        addArrayHelpers(type);
    }

    private void addViews(TypeSpec.Builder type) {
        TypeName vec = real.vector();
        type.addField(FieldSpec.builder(vec, "parameterView", Modifier.PRIVATE, Modifier.FINAL)
                .initializer("new $L[PARAMETERS]", real.keyword()).build());
        type.addField(FieldSpec.builder(vec, "gradientView", Modifier.PRIVATE, Modifier.FINAL)
                .initializer("new $L[PARAMETERS]", real.keyword()).build());
        CodeBlock.Builder parameters = CodeBlock.builder().addStatement("int at = 0");
        CodeBlock.Builder gradients = CodeBlock.builder().addStatement("int at = 0");
        CodeBlock.Builder set = CodeBlock.builder().addStatement("int at = 0");
        CodeBlock.Builder single = CodeBlock.builder();
        long start = 0;
        for (Storage p : fields.parameters()) {
            Storage g = fields.gradientOf(p);
            if (g == null) {
                throw new IllegalStateException("plan has no gradient for " + p.buffer().name());
            }
            parameters.addStatement("at = flatten($L, parameterView, at)", p.name());
            gradients.addStatement("at = flatten($L, gradientView, at)", g.name());
            set.addStatement("at = unflatten(values, at, $L)", p.name());
            long end = start + p.size();
            single.beginControlFlow("if (i < $L)", end);
            if (p.shape() == Storage.Shape.MATRIX) {
                // row-major [units][inputs]: element r is W[r / inputs][r % inputs], stored at [k][j]
                single.addStatement("$L[(i - $L) % $L][(i - $L) / $L] = value", p.name(), start, p.rows(), start,
                        p.rows());
            } else {
                single.addStatement("$L[i - $L] = value", p.name(), start);
            }
            single.addStatement("return");
            single.endControlFlow();
            start = end;
        }
        single.addStatement("throw new IllegalArgumentException(\"parameter \" + i + \" is not below PARAMETERS\")");
        String layout = "Layout: for each layer l = 1 .. LAYERS, W^l row-major [units][inputs] (PyTorch's"
                + " {@code layers.(l-1).weight}),\nthen b^l.";
        type.addMethod(MethodSpec.methodBuilder("parameters").addModifiers(Modifier.PUBLIC).returns(vec)
                .addJavadoc("Every weight and bias, flattened into an array the model owns and refreshes on each"
                        + " call (copy it to\nkeep it). $L Allocation-free.\n", layout)
                .addCode(parameters.build()).addStatement("return parameterView").build());
        type.addMethod(MethodSpec.methodBuilder("gradients").addModifiers(Modifier.PUBLIC).returns(vec)
                .addJavadoc("The gradients of the last trainBatch or computeGradients, in the layout of {@link"
                        + " #parameters()},\nin an array the model owns and refreshes on each call.\n")
                .addCode(gradients.build()).addStatement("return gradientView").build());
        type.addMethod(MethodSpec.methodBuilder("setParameters").addModifiers(Modifier.PUBLIC)
                .addJavadoc("Replaces every weight and bias, in the layout of {@link #parameters()}.\n")
                .addParameter(vec, "values")
                .beginControlFlow("if (values.length != PARAMETERS)")
                .addStatement("throw new IllegalArgumentException(\"expected PARAMETERS = \" + PARAMETERS + \""
                        + " values, got \" + values.length)")
                .endControlFlow()
                .addCode(set.build()).build());
        type.addMethod(MethodSpec.methodBuilder("setParameter").addModifiers(Modifier.PRIVATE)
                .addParameter(TypeName.INT, "i").addParameter(real.type(), "value")
                .addCode(single.build()).build());
    }

    private void addLayerAccessors(TypeSpec.Builder type) {
        TypeName vec = real.vector();
        CodeBlock.Builder units = CodeBlock.builder().add("return switch (layer) {\n").indent()
                .add("case 0 -> INPUTS;\n");
        for (Layer l : network.layers()) {
            units.add("case $L -> $L;\n", l.index(), l.units());
        }
        units.add("default -> throw new IllegalArgumentException(\"layer \" + layer + \" is not in 0 .. LAYERS\");\n")
                .unindent().add("};\n");
        type.addMethod(MethodSpec.methodBuilder("units").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(TypeName.INT).addJavadoc("Units of a layer; layer 0 is the input, INPUTS wide.\n")
                .addParameter(TypeName.INT, "layer").addCode(units.build()).build());
        List<Storage> activations = new ArrayList<>();
        List<Storage> preActivations = new ArrayList<>();
        List<Storage> deltas = new ArrayList<>();
        activations.add(fields.require(Buffer.Kind.INPUT, 0));
        preActivations.add(null);
        deltas.add(null);
        for (Layer l : network.layers()) {
            Storage a = fields.find(Buffer.Kind.ACTIVATION, l.index());
            Storage z = fields.find(Buffer.Kind.PRE_ACTIVATION, l.index());
            activations.add(a != null ? a : z);
            preActivations.add(z);
            deltas.add(fields.find(Buffer.Kind.DELTA, l.index()));
        }
        rowAccessor(type, "activations", "a^l of one sample of the last batch (layer 0: the input x)", activations);
        rowAccessor(type, "preActivations", "z^l = W^l·a^(l−1) + b^l of one sample of the last batch",
                preActivations);
        rowAccessor(type, "deltas", "δ^l = ∂C/∂z^l of one sample of the last computeGradients or trainBatch",
                deltas);
        List<Storage> weights = new ArrayList<>();
        List<Storage> biases = new ArrayList<>();
        List<Storage> weightGradients = new ArrayList<>();
        List<Storage> biasGradients = new ArrayList<>();
        weights.add(null);
        biases.add(null);
        weightGradients.add(null);
        biasGradients.add(null);
        for (Layer l : network.layers()) {
            Storage w = fields.require(Buffer.Kind.WEIGHT, l.index());
            Storage b = fields.require(Buffer.Kind.BIAS, l.index());
            weights.add(w);
            biases.add(b);
            weightGradients.add(fields.gradientOf(w));
            biasGradients.add(fields.gradientOf(b));
        }
        tensorAccessor(type, "weights", "W^l, row-major [units][inputs]", weights);
        tensorAccessor(type, "bias", "b^l", biases);
        tensorAccessor(type, "weightGradient", "∂C/∂W^l of the last batch, row-major [units][inputs]",
                weightGradients);
        tensorAccessor(type, "biasGradient", "∂C/∂b^l of the last batch", biasGradients);
    }

    private void rowAccessor(TypeSpec.Builder type, String name, String doc, List<Storage> perLayer) {
        CodeBlock.Builder code = CodeBlock.builder().beginControlFlow("if (sample < 0 || sample >= MAX_BATCH)")
                .addStatement("throw new IllegalArgumentException(\"sample \" + sample + \" is not in 0 .. MAX_BATCH\")")
                .endControlFlow()
                .beginControlFlow("switch (layer)");
        for (int l = 0; l < perLayer.size(); l++) {
            Storage s = perLayer.get(l);
            if (s != null) {
                code.addStatement("case $L -> System.arraycopy($L[sample], 0, out, 0, $L)", l, s.name(), s.cols());
            }
        }
        code.addStatement("default -> throw new IllegalArgumentException(\"layer \" + layer + \" has no $L\")", name)
                .endControlFlow();
        type.addMethod(MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC)
                .addJavadoc("Copies $L into {@code out} (units(layer) values).\n", StepText.javadoc(doc))
                .addParameter(TypeName.INT, "layer").addParameter(TypeName.INT, "sample")
                .addParameter(real.vector(), "out").addCode(code.build()).build());
    }

    private void tensorAccessor(TypeSpec.Builder type, String name, String doc, List<Storage> perLayer) {
        CodeBlock.Builder code = CodeBlock.builder().beginControlFlow("switch (layer)");
        for (int l = 0; l < perLayer.size(); l++) {
            Storage s = perLayer.get(l);
            if (s != null) {
                code.addStatement("case $L -> flatten($L, out, 0)", l, s.name());
            }
        }
        code.addStatement("default -> throw new IllegalArgumentException(\"layer \" + layer + \" has no $L\")", name)
                .endControlFlow();
        type.addMethod(MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC)
                .addJavadoc("Copies $L into {@code out}.\n", StepText.javadoc(doc))
                .addParameter(TypeName.INT, "layer").addParameter(real.vector(), "out")
                .addCode(code.build()).build());
    }

    private void addGradientCheck(TypeSpec.Builder type) {
        double h = Math.cbrt(real.isFloat() ? Math.ulp(1.0f) : Math.ulp(1.0));
        TypeName vec = real.vector();
        type.addMethod(MethodSpec.methodBuilder("gradientCheck").addModifiers(Modifier.PUBLIC)
                .returns(TypeName.DOUBLE)
                .addJavadoc("Checks the analytic gradients of a batch against central differences: for every"
                        + " parameter w,\n(C(w + h) − C(w − h)) / (2h) with h = $L·max(1, |w|), the losses"
                        + " summed in double. Returns the\nlargest error |g − ĝ| / max(1, |g|, |ĝ|); the"
                        + " parameters are restored. Meaningful to about 1e-9 in double\nprecision, 1e-3 in"
                        + " float. Slow: two forward passes per parameter.\n", h)
                .addParameter(vec, "x").addParameter(vec, "y").addParameter(TypeName.INT, "n")
                .addCode(snippet.code("""
                        computeGradients(x, y, n);
                        $real:T[] analytic = gradients();
                        $real:T[] values = parameters();
                        double worst = 0.0;
                        for (int i = 0; i < PARAMETERS; i++) {
                            $real:T original = values[i];
                            double h = $h:L * Math.max(1.0, Math.abs(original));
                            $real:T plus = $cast:L(original + h);
                            $real:T minus = $cast:L(original - h);
                            setParameter(i, plus);
                            forward(n);
                            double up = lossValue(n);
                            setParameter(i, minus);
                            forward(n);
                            double down = lossValue(n);
                            setParameter(i, original);
                            double numeric = (up - down) / ($widen:Lplus - $widen:Lminus);
                            double error = Math.abs(numeric - analytic[i]) / Math.max(1.0, Math.max(Math.abs(numeric), Math.abs(analytic[i])));
                            worst = Math.max(worst, error);
                        }
                        forward(n);
                        return worst;
                        """, Map.of("h", h)))
                .build());
    }

    private void addArrayHelpers(TypeSpec.Builder type) {
        TypeName vec = real.vector();
        TypeName mat = real.matrix();
        type.addMethod(helper("copy", snippet.code("""
                for (int k = 0; k < from.length; k++) {
                    System.arraycopy(from[k], 0, to[k], 0, from[k].length);
                }
                """)).addParameter(mat, "from").addParameter(mat, "to").build());
        type.addMethod(helper("copy", snippet.code("System.arraycopy(from, 0, to, 0, from.length);\n"))
                .addParameter(vec, "from").addParameter(vec, "to").build());
        type.addMethod(helper("flatten", snippet.code("""
                for (int j = 0; j < w[0].length; j++) {
                    for (int k = 0; k < w.length; k++) {
                        out[at++] = w[k][j];
                    }
                }
                return at;
                """)).returns(TypeName.INT).addJavadoc("Writes an input-major matrix row-major [units][inputs].\n")
                .addParameter(mat, "w").addParameter(vec, "out").addParameter(TypeName.INT, "at").build());
        type.addMethod(helper("flatten", snippet.code("""
                System.arraycopy(b, 0, out, at, b.length);
                return at + b.length;
                """)).returns(TypeName.INT)
                .addParameter(vec, "b").addParameter(vec, "out").addParameter(TypeName.INT, "at").build());
        type.addMethod(helper("unflatten", snippet.code("""
                for (int j = 0; j < w[0].length; j++) {
                    for (int k = 0; k < w.length; k++) {
                        w[k][j] = values[at++];
                    }
                }
                return at;
                """)).returns(TypeName.INT)
                .addParameter(vec, "values").addParameter(TypeName.INT, "at").addParameter(mat, "w").build());
        type.addMethod(helper("unflatten", snippet.code("""
                System.arraycopy(values, at, b, 0, b.length);
                return at + b.length;
                """)).returns(TypeName.INT)
                .addParameter(vec, "values").addParameter(TypeName.INT, "at").addParameter(vec, "b").build());
        type.addMethod(helper("fill", snippet.code("""
                for ($real:T[] row : w) {
                    $arrays:T.fill(row, $zero:L);
                }
                """)).addParameter(mat, "w").build());
        type.addMethod(helper("fill", snippet.code("$arrays:T.fill(b, $zero:L);\n")).addParameter(vec, "b").build());
        type.addMethod(helper("addScaled", snippet.code("""
                for (int k = 0; k < from.length; k++) {
                    for (int j = 0; j < from[k].length; j++) {
                        to[k][j] += m * from[k][j];
                    }
                }
                """)).addParameter(mat, "from").addParameter(TypeName.INT, "m").addParameter(mat, "to").build());
        type.addMethod(helper("addScaled", snippet.code("""
                for (int j = 0; j < from.length; j++) {
                    to[j] += m * from[j];
                }
                """)).addParameter(vec, "from").addParameter(TypeName.INT, "m").addParameter(vec, "to").build());
        type.addMethod(helper("sumOfSquares", snippet.code("""
                double sum = 0.0;
                for ($real:T[] row : w) {
                    for ($real:T v : row) {
                        sum += $widen:Lv * v;
                    }
                }
                return sum;
                """)).returns(TypeName.DOUBLE).addParameter(mat, "w").build());
        type.addMethod(helper("sumOfSquares", snippet.code("""
                double sum = 0.0;
                for ($real:T v : b) {
                    sum += $widen:Lv * v;
                }
                return sum;
                """)).returns(TypeName.DOUBLE).addParameter(vec, "b").build());
        type.addMethod(helper("allFinite", snippet.code("""
                for ($real:T[] row : w) {
                    if (!allFinite(row)) {
                        return false;
                    }
                }
                return true;
                """)).returns(TypeName.BOOLEAN).addParameter(mat, "w").build());
        type.addMethod(helper("allFinite", snippet.code("""
                for ($real:T v : b) {
                    if (!$suffix:L.isFinite(v)) {
                        return false;
                    }
                }
                return true;
                """)).returns(TypeName.BOOLEAN).addParameter(vec, "b").build());
        CodeBlock.Builder finite = CodeBlock.builder().add("return true");
        for (Storage p : fields.parameters()) {
            finite.add("\n        && allFinite($L)", p.name());
        }
        type.addMethod(MethodSpec.methodBuilder("parametersFinite").addModifiers(Modifier.PRIVATE)
                .returns(TypeName.BOOLEAN).addStatement("$L", finite.build()).build());
    }

    private static MethodSpec.Builder helper(String name, CodeBlock body) {
        return MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC).addCode(body);
    }
}
