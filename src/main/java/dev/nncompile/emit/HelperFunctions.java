package dev.nncompile.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.nncompile.derive.Step;
import dev.nncompile.derive.TrainingPlan;
import dev.nncompile.sym.Expr;
import dev.nncompile.sym.FloatFunctions;
import dev.nncompile.sym.Fn;
import dev.nncompile.sym.JavaPrinter;
import dev.nncompile.sym.NumericFunctions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The private static functions that {@link JavaPrinter} calls for tanh, sigmoid, softplus and erf, and a float class's
 * softmax steps for e^(z − max) ({@link #expOfNonPositive}), emitted only when the plan uses them. Each is, line for
 * line, the algorithm of {@link NumericFunctions} (a {@code precision double} class, and erf in either precision) or of
 * {@link FloatFunctions} (σ, tanh and softplus of a {@code precision float} class), so the compiler's own evaluation
 * and the shipped class agree (HelperFunctionsTest).
 */
final class HelperFunctions {
    private HelperFunctions() {}

    static void addTo(TypeSpec.Builder type, TrainingPlan plan, Real real, Snippet snippet) {
        Set<Fn> needed = needed(plan);
        if (real.isFloat()) {
            addFloatFunctions(type, needed, needsExpNonPositive(plan, needed), snippet);
        } else {
            addDoubleFunctions(type, needed, snippet);
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

    /** {@link NumericFunctions}' double algorithms, for a {@code precision double} class. */
    private static void addDoubleFunctions(TypeSpec.Builder type, Set<Fn> needed, Snippet snippet) {
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
        if (needed.contains(Fn.TANH)) {
            type.addMethod(function("tanh", "tanh(x) from the Math.exp intrinsic (Math.tanh has none before"
                    + " JDK 24):\n(1 − e)/(1 + e) with e = e^−2|x| for |x| ≥ 0.4, else −m/(m + 2) with"
                    + " m = e^−2|x| − 1\nby Kahan's expm1 trick; within 4 ulp.", snippet.code("""
                    double ax = Math.abs(x);
                    double e = Math.exp(-2.0 * ax);
                    double t;
                    if (ax >= 0.4) {
                        t = (1.0 - e) / (1.0 + e);
                    } else {
                        double y = -2.0 * ax;
                        double m = e == 1.0 ? y : (e - 1.0) * y / Math.log(e);
                        t = -m / (m + 2.0);
                    }
                    return Math.copySign(t, x);
                    """)));
        }
        if (needed.contains(Fn.SOFTPLUS)) {
            type.addMethod(function("softplus",
                    "softplus(x) = log(1 + e^x) exactly, as max(x, 0) + log1p(e^−|x|).",
                    snippet.code("return Math.max(x, 0.0) + log1p(Math.exp(-Math.abs(x)));\n")));
            type.addMethod(function("log1p", "log(1 + x) for x ≥ 0 from the Math.log intrinsic, accurate where 1 + x"
                    + " rounds\n(Kahan's trick).", snippet.code("""
                    double w = 1.0 + x;
                    return w == 1.0 ? x : Math.log(w) * x / (w - 1.0);
                    """)));
        }
    }

    /**
     * {@link FloatFunctions}' algorithms, for a {@code precision float} class: polynomials in double, accurate to
     * float precision, where the Math intrinsics would be calls (see FloatFunctions for why).
     */
    private static void addFloatFunctions(TypeSpec.Builder type, Set<Fn> needed, boolean exp, Snippet snippet) {
        if (needed.contains(Fn.SIGMOID)) {
            type.addMethod(function("sigmoid", "σ(x) = 1/(1 + e^−x) to float precision, never overflowing: r = 1/(1 +"
                    + " e^−|x|), and e^−|x|·r for x < 0.", snippet.code("""
                    double e = expNonPositive(-Math.abs(x));
                    double r = 1.0 / (1.0 + e);
                    return x >= 0 ? r : e * r;
                    """)));
        }
        if (needed.contains(Fn.TANH)) {
            type.addMethod(function("tanh", "tanh(x) to float precision: x·P(x²) for |x| < 0.55, else (1 − e)/(1 + e)"
                    + " with\ne = e^−2|x|, where 1 − e has no cancellation.", snippet.code("""
                    double ax = Math.abs(x);
                    double t;
                    if (ax < 0.55) {
                        double x2 = ax * ax;
                        double x4 = x2 * x2;
                        double p = 1.0 + x2 * -0.3333333329502591
                                + x4 * (0.13333324200007313 + x2 * -0.0539647004451583)
                                + x4 * x4 * (0.021818449128639904 + x2 * -0.00852633305780133
                                        + x4 * 0.0025263907105745136);
                        t = ax * p;
                    } else {
                        double e = expNonPositive(-2.0 * ax);
                        t = (1.0 - e) / (1.0 + e);
                    }
                    return Math.copySign(t, x);
                    """)));
        }
        if (needed.contains(Fn.SOFTPLUS)) {
            type.addMethod(function("softplus", "softplus(x) = log(1 + e^x) to float precision, as max(x, 0) +"
                    + " log1p(e^−|x|).", snippet.code("""
                    return Math.max(x, 0.0) + log1p(expNonPositive(-Math.abs(x)));
                    """)));
            type.addMethod(function("log1p", "log(1 + u) for 0 ≤ u ≤ 1 to float precision, as 2·atanh(s) = 2s·Q(s²)"
                    + " with\ns = u/(2 + u) ≤ 1/3: no cancellation where 1 + u rounds.", "u", snippet.code("""
                    double s = u / (2.0 + u);
                    double s2 = s * s;
                    double s4 = s2 * s2;
                    double q = 1.0 + s2 * 0.33333333325011805 + s4 * (0.2000000538497483 + s2 * 0.1428515286094183)
                            + s4 * s4 * (0.11132355604500663 + s2 * 0.08732351232720387 + s4 * 0.10393808427873376);
                    return 2.0 * s * q;
                    """)));
        }
        if (exp) {
            type.addMethod(function("expNonPositive", "e^x for x ≤ 0 to float precision, as 2^t with t = x·log₂e:"
                    + " 2^round(t) from\nits exponent bits times a polynomial of 2^(t − round(t)); t stops at −160,"
                    + " where e^x is 0\nin float.", snippet.code("""
                    double t = Math.max(x * 1.4426950408889634, -160.0);
                    double n = Math.rint(t);
                    double f = t - n;
                    double f2 = f * f;
                    double p = 1.0 + f * 0.6931471805630286 + f2 * (0.24022650922288757 + f * 0.05550410874042934)
                            + f2 * f2 * (0.009618056678524637 + f * 0.0013333510279510377
                                    + f2 * (0.0001546144469856913 + f * 1.5295519566962182e-05));
                    return p * Double.longBitsToDouble((long) (n + 1023) << 52);
                    """)));
        }
    }

    /**
     * e^arg for an argument known to be ≤ 0 (a logit minus its row's maximum), rendered for the class's precision:
     * the float-precision helper in a float class (which {@link #addTo} then emits), {@code Math.exp} in a double one.
     */
    static String expOfNonPositive(Real real, String argument) {
        return (real.isFloat() ? "expNonPositive(" : "Math.exp(") + argument + ")";
    }

    /**
     * The line the class's Javadoc lists under Numerics when a float class carries {@link FloatFunctions}' algorithms,
     * else empty.
     */
    static Optional<String> numericsNote(TrainingPlan plan, Real real) {
        Set<Fn> needed = needed(plan);
        if (!real.isFloat() || !needsExpNonPositive(plan, needed)) {
            return Optional.empty();
        }
        List<String> uses = new ArrayList<>();
        if (needed.contains(Fn.SIGMOID)) {
            uses.add("σ");
        }
        if (needed.contains(Fn.TANH)) {
            uses.add("tanh");
        }
        if (needed.contains(Fn.SOFTPLUS)) {
            uses.add("softplus");
        }
        if (usesSoftmax(plan)) {
            uses.add("softmax's e^(z − max)");
        }
        String list = uses.size() == 1 ? uses.get(0)
                : String.join(", ", uses.subList(0, uses.size() - 1)) + " and " + uses.get(uses.size() - 1);
        return Optional.of("Computed to float precision from short polynomials, within 1 ulp of the exactly rounded"
                + " float, instead of by the Math.exp and Math.log stubs: " + list + ".");
    }

    private static Set<Fn> needed(TrainingPlan plan) {
        Set<Fn> needed = EnumSet.noneOf(Fn.class);
        for (Expr e : expressions(plan)) {
            needed.addAll(JavaPrinter.helpersNeeded(e));
        }
        return needed;
    }

    /** Whether a float class needs e^x for x ≤ 0: its σ, tanh and softplus call it, and so do its softmax steps. */
    private static boolean needsExpNonPositive(TrainingPlan plan, Set<Fn> needed) {
        return needed.contains(Fn.SIGMOID) || needed.contains(Fn.TANH) || needed.contains(Fn.SOFTPLUS)
                || usesSoftmax(plan);
    }

    private static boolean usesSoftmax(TrainingPlan plan) {
        return plan.forward().stream().anyMatch(s -> s instanceof Step.Softmax)
                || plan.loss().stream().anyMatch(s -> s instanceof Step.SoftmaxCrossEntropy);
    }

    private static MethodSpec function(String name, String doc, CodeBlock body) {
        return function(name, doc, "x", body);
    }

    private static MethodSpec function(String name, String doc, String parameter, CodeBlock body) {
        return MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(TypeName.DOUBLE).addParameter(TypeName.DOUBLE, parameter)
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
