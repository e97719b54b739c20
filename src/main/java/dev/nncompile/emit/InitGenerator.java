package dev.nncompile.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.nncompile.derive.Buffer;
import dev.nncompile.model.Init;
import dev.nncompile.model.Layer;
import dev.nncompile.model.Network;
import dev.nncompile.sym.Expr;
import dev.nncompile.sym.Exprs;
import dev.nncompile.sym.JavaPrinter;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * The initialiser and the class's random numbers: splitmix64 (Steele, Lea &amp; Flood 2014) for uniform doubles and
 * the Marsaglia polar method for Gaussians, with {@code StrictMath} so the same seed gives bit-identical weights on
 * every JVM. Weights are drawn in PyTorch's {@code [units][inputs]} order, then biases.
 */
final class InitGenerator {
    private static final JavaPrinter DOUBLE = new JavaPrinter(JavaPrinter.Type.DOUBLE);

    private final Network network;
    private final Fields fields;
    private final Real real;
    private final Snippet snippet;

    InitGenerator(Network network, Fields fields, Real real, Snippet snippet) {
        this.network = network;
        this.fields = fields;
        this.real = real;
        this.snippet = snippet;
    }

    void addTo(TypeSpec.Builder type) {
        type.addField(FieldSpec.builder(TypeName.LONG, "random", Modifier.PRIVATE)
                .addJavadoc("State of the splitmix64 generator (initialisation, then fit's shuffling).\n").build());
        type.addField(FieldSpec.builder(TypeName.DOUBLE, "spare", Modifier.PRIVATE)
                .addJavadoc("The second Gaussian of the last polar-method pair.\n").build());
        type.addField(FieldSpec.builder(TypeName.BOOLEAN, "hasSpare", Modifier.PRIVATE).build());
        MethodSpec.Builder initialize = MethodSpec.methodBuilder("initialize").addModifiers(Modifier.PRIVATE)
                .addJavadoc("Draws every layer's parameters per the spec, layer by layer.\n");
        for (Layer l : network.layers()) {
            MethodSpec layer = layerInit(l);
            type.addMethod(layer);
            initialize.addStatement("$N()", layer);
        }
        type.addMethod(initialize.build());
        type.addMethod(MethodSpec.methodBuilder("nextLong").addModifiers(Modifier.PRIVATE).returns(TypeName.LONG)
                .addJavadoc("splitmix64: the next 64 random bits.\n")
                .addCode(snippet.code("""
                        long z = random += 0x9E3779B97F4A7C15L;
                        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
                        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
                        return z ^ (z >>> 31);
                        """)).build());
        type.addMethod(MethodSpec.methodBuilder("nextUniform").addModifiers(Modifier.PRIVATE).returns(TypeName.DOUBLE)
                .addJavadoc("A uniform double in [0, 1) from the top 53 bits.\n")
                .addStatement("return (nextLong() >>> 11) * 0x1.0p-53").build());
        type.addMethod(MethodSpec.methodBuilder("nextGaussian").addModifiers(Modifier.PRIVATE)
                .returns(TypeName.DOUBLE)
                .addJavadoc("A standard normal double by Marsaglia's polar method, StrictMath for bit-identical"
                        + " results.\n")
                .addCode(snippet.code("""
                        if (hasSpare) {
                            hasSpare = false;
                            return spare;
                        }
                        double u;
                        double v;
                        double r;
                        do {
                            u = 2.0 * nextUniform() - 1.0;
                            v = 2.0 * nextUniform() - 1.0;
                            r = u * u + v * v;
                        } while (r >= 1.0 || r == 0.0);
                        double scale = StrictMath.sqrt(-2.0 * StrictMath.log(r) / r);
                        spare = v * scale;
                        hasSpare = true;
                        return u * scale;
                        """)).build());
    }

    private MethodSpec layerInit(Layer l) {
        Storage w = fields.require(Buffer.Kind.WEIGHT, l.index());
        Storage b = fields.require(Buffer.Kind.BIAS, l.index());
        Init init = l.init();
        double fanIn = l.inputs();
        double fanOut = l.units();
        Expr weight;
        Expr bias = Exprs.ZERO;
        String doc;
        Expr u = Exprs.var("u");
        Expr g = Exprs.var("g");
        switch (init.kind()) {
            case ZEROS -> {
                weight = Exprs.ZERO;
                doc = "zeros";
            }
            case UNIFORM -> {
                weight = Exprs.add(Exprs.constant(init.a()), Exprs.mul(Exprs.constant(init.b() - init.a()), u));
                bias = weight;
                doc = "weights and biases ~ U(" + init.a() + ", " + init.b() + ")";
            }
            case NORMAL -> {
                weight = Exprs.add(Exprs.constant(init.a()), Exprs.mul(Exprs.constant(init.b()), g));
                bias = weight;
                doc = "weights and biases ~ N(" + init.a() + ", " + init.b() + "²)";
            }
            case XAVIER_UNIFORM -> {
                weight = symmetricUniform(Math.sqrt(6.0 / (fanIn + fanOut)), u);
                doc = "Glorot & Bengio 2010: W ~ U(−√(6/(fan_in + fan_out)), +√(6/(fan_in + fan_out))), b = 0";
            }
            case XAVIER_NORMAL -> {
                weight = Exprs.mul(Exprs.constant(Math.sqrt(2.0 / (fanIn + fanOut))), g);
                doc = "Glorot & Bengio 2010: W ~ N(0, 2/(fan_in + fan_out)), b = 0";
            }
            case HE_UNIFORM -> {
                weight = symmetricUniform(Math.sqrt(6.0 / fanIn), u);
                doc = "He et al. 2015: W ~ U(−√(6/fan_in), +√(6/fan_in)), b = 0";
            }
            case HE_NORMAL -> {
                weight = Exprs.mul(Exprs.constant(Math.sqrt(2.0 / fanIn)), g);
                doc = "He et al. 2015: W ~ N(0, 2/fan_in), b = 0";
            }
            default -> throw new IllegalStateException("init " + init.kind());
        }
        Map<String, String> draws = Map.of("u", "nextUniform()", "g", "nextGaussian()");
        CodeBlock.Builder code = CodeBlock.builder();
        if (!weight.equals(Exprs.ZERO)) {
            code.beginControlFlow("for (int j = 0; j < $L; j++)", l.units());
            code.beginControlFlow("for (int k = 0; k < $L; k++)", l.inputs());
            code.addStatement("$L[k][j] = $L", w.name(), draw(weight, draws));
            code.endControlFlow();
            code.endControlFlow();
        }
        if (!bias.equals(Exprs.ZERO)) {
            code.beginControlFlow("for (int j = 0; j < $L; j++)", l.units());
            code.addStatement("$L[j] = $L", b.name(), draw(bias, draws));
            code.endControlFlow();
        }
        return MethodSpec.methodBuilder("initializeLayer" + l.index()).addModifiers(Modifier.PRIVATE)
                .addJavadoc("Layer $L: $L.\n", l.index(), StepText.javadoc(doc))
                .addCode(code.build()).build();
    }

    private static Expr symmetricUniform(double bound, Expr u) {
        return Exprs.add(Exprs.constant(-bound), Exprs.mul(Exprs.constant(2 * bound), u));
    }

    private String draw(Expr e, Map<String, String> draws) {
        String value = DOUBLE.print(e, draws::get);
        return real.isFloat() ? "(float) (" + value + ")" : value;
    }
}
