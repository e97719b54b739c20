package dev.nncompile.emit;

import static dev.nncompile.sym.Exprs.abs;
import static dev.nncompile.sym.Exprs.add;
import static dev.nncompile.sym.Exprs.and;
import static dev.nncompile.sym.Exprs.compare;
import static dev.nncompile.sym.Exprs.cond;
import static dev.nncompile.sym.Exprs.constant;
import static dev.nncompile.sym.Exprs.div;
import static dev.nncompile.sym.Exprs.mul;
import static dev.nncompile.sym.Exprs.neg;
import static dev.nncompile.sym.Exprs.not;
import static dev.nncompile.sym.Exprs.or;
import static dev.nncompile.sym.Exprs.pow;
import static dev.nncompile.sym.Exprs.sqrt;
import static dev.nncompile.sym.Exprs.sub;
import static dev.nncompile.sym.Exprs.var;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.nncompile.model.Precision;
import dev.nncompile.sym.Expr;
import dev.nncompile.sym.Exprs;
import dev.nncompile.sym.Test.Rel;
import dev.nncompile.train.InMemoryCompiler;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import javax.lang.model.element.Modifier;
import org.junit.jupiter.api.Test;

/**
 * The Vector API rendering of an elementwise expression computes, lane by lane, the same bits as the scalar Java the
 * plain classes run ({@link dev.nncompile.sym.JavaPrinter}): so a {@code --simd} class's activations, derivative
 * factors and updates are the plain class's, NaN, infinities, signed zeros and subnormals included.
 */
class VectorExpressionsTest {
    private static final Expr A = var("a");
    private static final Expr B = var("b");
    private static final Expr C = var("c");
    private static final Expr S = var("s");

    /** Every kind of node the vector renderer takes, in the shapes the derivations produce. */
    private static List<Expr> supported() {
        Expr zero = Exprs.ZERO;
        return List.of(
                cond(compare(Rel.GT, A, zero), A, zero),                               // relu
                mul(B, cond(compare(Rel.GT, A, zero), Exprs.ONE, zero)),               // δ·relu′
                cond(compare(Rel.GT, A, zero), A, mul(constant(0.01), A)),             // leaky relu
                cond(compare(Rel.LT, zero, A), A, neg(A)),                             // a scalar on the left
                cond(and(compare(Rel.GE, A, constant(-1)), compare(Rel.LE, A, Exprs.ONE)), A, B),
                cond(or(compare(Rel.EQ, A, B), not(compare(Rel.NE, B, zero))), C, add(A, B)),
                sub(A, mul(S, B)),                                                      // w − lr·v
                add(B, mul(constant(0.9), C)),                                          // g + μ·v
                add(mul(constant(-3), A, B), C, constant(-0.5), neg(B)),               // negative terms
                div(mul(S, A), add(sqrt(B), constant(1e-8))),                          // Adam's step
                mul(constant(-2.5), A, pow(B, -1), pow(C, -2)),                        // divisors
                pow(A, 2), pow(add(A, B), 3), pow(A, -1), pow(B, 0.5), pow(B, -0.5),
                abs(sub(A, B)),
                mul(S, constant(2)),                                                    // no element at all
                constant(-0.0));
    }

    @Test
    void vectorLoopsGiveTheScalarLoopsBitsForEveryExpression() throws ReflectiveOperationException {
        for (Precision precision : Precision.values()) {
            Real real = new Real(precision);
            List<Expr> exprs = supported();
            for (Expr e : exprs) {
                assertTrue(VectorExpressions.supports(e), e::toString);
            }
            Class<?> probe = compile(real, exprs);
            SplittableRandom random = new SplittableRandom(5);
            for (int i = 0; i < exprs.size(); i++) {
                Method scalar = probe.getMethod("scalar" + i, double[].class, double[].class, double[].class,
                        double.class, double[].class);
                Method vector = probe.getMethod("vector" + i, double[].class, double[].class, double[].class,
                        double.class, double[].class);
                for (int round = 0; round < 200; round++) {
                    double[] a = values(random);
                    double[] b = values(random);
                    double[] c = values(random);
                    double s = round % 3 == 0 ? random.nextDouble(-2, 2) : special(random);
                    double[] expected = new double[a.length];
                    double[] actual = new double[a.length];
                    scalar.invoke(null, a, b, c, s, expected);
                    vector.invoke(null, a, b, c, s, actual);
                    for (int j = 0; j < a.length; j++) {
                        // both computed in the class's precision and widened exactly; NaNs compare as one NaN
                        assertEquals(Double.doubleToLongBits(expected[j]), Double.doubleToLongBits(actual[j]),
                                precision + " " + exprs.get(i) + " at a=" + a[j] + ", b=" + b[j] + ", c=" + c[j]
                                        + ", s=" + s + ": vector " + actual[j] + ", scalar " + expected[j]);
                    }
                }
            }
        }
    }

    @Test
    void whatIsNotExactLaneByLaneStaysScalar() {
        for (Expr e : List.of(Exprs.exp(A), Exprs.log(A), Exprs.tanh(A), Exprs.sigmoid(A), Exprs.softplus(A),
                Exprs.erf(A), Exprs.max(A, B), Exprs.min(A, B), Exprs.sign(A), pow(A, 1.5), pow(A, B),
                cond(compare(Rel.GT, Exprs.exp(A), Exprs.ONE), A, B))) {
            assertFalse(VectorExpressions.supports(e), e::toString);
        }
    }

    /** 64 values (every LANES divides it): specials, subnormals, and numbers over many binades. */
    private static double[] values(SplittableRandom random) {
        double[] v = new double[64];
        for (int j = 0; j < v.length; j++) {
            v[j] = j % 4 == 0 ? special(random) : Math.scalb(random.nextDouble(-1, 1), random.nextInt(-30, 30));
        }
        return v;
    }

    private static double special(SplittableRandom random) {
        double[] specials = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.0, -1.0,
            Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL / 3, Float.MAX_VALUE, Double.MIN_VALUE, 1e-8};
        return specials[random.nextInt(specials.length)];
    }

    /**
     * A class with {@code scalarI} and {@code vectorI} per expression: both take double arrays (converted to the
     * precision on entry, widened back on exit, both exact) and compute the expression over every element.
     */
    private static Class<?> compile(Real real, List<Expr> exprs) {
        String t = real.keyword();
        VectorExpressions vectors = new VectorExpressions(real);
        TypeSpec.Builder type = TypeSpec.classBuilder("Probe").addModifiers(Modifier.PUBLIC, Modifier.FINAL);
        VectorKernels.addConstants(type, real);   // SPECIES and LANES as a generated class has them
        Function<String, String> naming = v -> v.equals("s") ? "s" : v + "Row[j]";
        for (int i = 0; i < exprs.size(); i++) {
            CodeBlock scalar = CodeBlock.builder()
                    .beginControlFlow("for (int j = 0; j < out.length; j++)")
                    .addStatement("outRow[j] = $L", real.printer().print(exprs.get(i), naming))
                    .endControlFlow().build();
            CodeBlock vectorLoop = CodeBlock.builder()
                    .beginControlFlow("for (int j = 0; j < out.length; j += LANES)")
                    .addStatement("$L.intoArray(outRow, j)", vectors.print(exprs.get(i), naming, Set.of()))
                    .endControlFlow().build();
            type.addMethod(method("scalar" + i, t, scalar));
            type.addMethod(method("vector" + i, t, vectorLoop));
        }
        String source = JavaFile.builder("", type.build()).build().toString();
        return new InMemoryCompiler(InMemoryCompiler.SIMD).compileAndLoad("Probe", source);
    }

    private static MethodSpec method(String name, String t, CodeBlock loop) {
        CodeBlock.Builder body = CodeBlock.builder();
        for (String v : List.of("a", "b", "c", "out")) {
            body.addStatement("$L[] $LRow = new $L[$L.length]", t, v, t, v);
            body.beginControlFlow("for (int j = 0; j < $L.length; j++)", v);
            body.addStatement("$LRow[j] = ($L) $L[j]", v, t, v);
            body.endControlFlow();
        }
        body.addStatement("$L s = ($L) sIn", t, t);
        body.add(loop);
        body.beginControlFlow("for (int j = 0; j < out.length; j++)");
        body.addStatement("out[j] = outRow[j]");
        body.endControlFlow();
        return MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addParameter(double[].class, "a").addParameter(double[].class, "b")
                .addParameter(double[].class, "c").addParameter(double.class, "sIn")
                .addParameter(double[].class, "out").addCode(body.build()).build();
    }
}
