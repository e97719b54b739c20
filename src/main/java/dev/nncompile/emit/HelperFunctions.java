package dev.nncompile.emit;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.nncompile.derive.Step;
import dev.nncompile.derive.TrainingPlan;
import dev.nncompile.sym.Expr;
import dev.nncompile.sym.Fn;
import dev.nncompile.sym.JavaPrinter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The private static functions that {@link JavaPrinter} calls for sigmoid, softplus and erf, emitted only when the
 * plan uses them. Each is {@link dev.nncompile.sym.NumericFunctions}' algorithm, line for line, in double, so the
 * compiler's own evaluation and the shipped class agree.
 */
final class HelperFunctions {
    private HelperFunctions() {}

    static void addTo(TypeSpec.Builder type, TrainingPlan plan, Real real, Snippet snippet) {
        Set<Fn> needed = EnumSet.noneOf(Fn.class);
        for (Expr e : expressions(plan)) {
            needed.addAll(JavaPrinter.helpersNeeded(e));
        }
        if (needed.contains(Fn.SIGMOID)) {
            type.addMethod(function("sigmoid", "σ(x) = 1/(1 + e^−x), never overflowing: for x < 0 it is"
                    + " e^x/(1 + e^x).", snippet.code("""
                    if (x >= 0) {
                        return 1.0 / (1.0 + Math.exp(-x));
                    }
                    double e = Math.exp(x);
                    return e / (1.0 + e);
                    """)));
        }
        if (needed.contains(Fn.SOFTPLUS)) {
            type.addMethod(function("softplus", "softplus(x) = log(1 + e^x) exactly, as max(x, 0) + log1p(e^−|x|).",
                    snippet.code("return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));\n")));
        }
        if (needed.contains(Fn.ERF)) {
            type.addMethod(function("erf", "The error function to about 1e-15: Maclaurin series for |x| < 2.5, a"
                    + " continued fraction\nfor erfc beyond (Abramowitz & Stegun 7.1.5 and 7.1.14).", snippet.code("""
                    if (Double.isNaN(x)) {
                        return x;
                    }
                    double ax = Math.abs(x);
                    if (ax < 2.5) {
                        double sum = ax;
                        double term = ax;
                        double x2 = ax * ax;
                        for (int n = 1; n < 200; n++) {
                            term *= -x2 / n;
                            double add = term / (2 * n + 1);
                            sum += add;
                            if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                                break;
                            }
                        }
                        double r = 2.0 / Math.sqrt(Math.PI) * sum;
                        return x < 0 ? -r : r;
                    }
                    if (ax > 6.0) {
                        return x < 0 ? -1.0 : 1.0;
                    }
                    double f = ax;
                    for (int k = 60; k >= 1; k--) {
                        f = ax + (k / 2.0) / f;
                    }
                    double erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
                    double r = 1.0 - erfc;
                    return x < 0 ? -r : r;
                    """)));
        }
    }

    private static MethodSpec function(String name, String doc, com.palantir.javapoet.CodeBlock body) {
        return MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(TypeName.DOUBLE).addParameter(TypeName.DOUBLE, "x")
                .addJavadoc("$L\n", StepText.javadoc(doc)).addCode(body).build();
    }

    /** Every expression of the plan, in plan order. */
    static List<Expr> expressions(TrainingPlan plan) {
        List<Expr> out = new ArrayList<>();
        for (List<Step> phase : List.of(plan.forward(), plan.loss(), plan.backward(), plan.update())) {
            for (Step s : phase) {
                if (s instanceof Step.Elementwise e) {
                    e.assignments().forEach(a -> out.add(a.value()));
                } else if (s instanceof Step.LossTerm l) {
                    out.add(l.term());
                    out.add(l.scale());
                } else if (s instanceof Step.BackpropDelta d) {
                    out.add(d.factor());
                } else if (s instanceof Step.ScalarDef d) {
                    out.add(d.value());
                }
            }
        }
        return out;
    }
}
