package dev.nncompile.sym;

import static dev.nncompile.sym.Exprs.HALF;
import static dev.nncompile.sym.Exprs.ONE;
import static dev.nncompile.sym.Exprs.ZERO;
import static dev.nncompile.sym.Exprs.abs;
import static dev.nncompile.sym.Exprs.add;
import static dev.nncompile.sym.Exprs.compare;
import static dev.nncompile.sym.Exprs.cond;
import static dev.nncompile.sym.Exprs.constant;
import static dev.nncompile.sym.Exprs.div;
import static dev.nncompile.sym.Exprs.erf;
import static dev.nncompile.sym.Exprs.exp;
import static dev.nncompile.sym.Exprs.log;
import static dev.nncompile.sym.Exprs.mul;
import static dev.nncompile.sym.Exprs.neg;
import static dev.nncompile.sym.Exprs.pow;
import static dev.nncompile.sym.Exprs.sigmoid;
import static dev.nncompile.sym.Exprs.softplus;
import static dev.nncompile.sym.Exprs.sqrt;
import static dev.nncompile.sym.Exprs.sub;
import static dev.nncompile.sym.Exprs.tanh;

import dev.nncompile.sym.Test.Rel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The formulas the derivative is checked on: every {@link Fn}, every built-in activation (in {@code z}) and loss
 * (in {@code p}, {@code y}) as DESIGN.md §2 defines them, and user formulas. Each comes with the variable to
 * differentiate by and the sampling interval of each variable (inside the formula's domain).
 */
final class FormulaCatalog {
    static final Expr Z = Exprs.var("z");
    static final Expr W = Exprs.var("w");
    static final Expr P = Exprs.var("p");
    static final Expr Y = Exprs.var("y");

    /** A formula, the variable to differentiate by, and an interval [lo, hi] per variable. */
    record Case(String name, Expr formula, String var, Map<String, double[]> ranges) {
        @Override
        public String toString() {
            return name + " d/d" + var;
        }
    }

    private FormulaCatalog() {}

    static Expr relu() {
        return cond(compare(Rel.GT, Z, ZERO), Z, ZERO);
    }

    static Expr leakyRelu(double alpha) {
        return cond(compare(Rel.GT, Z, ZERO), Z, mul(constant(alpha), Z));
    }

    static Expr elu(double alpha) {
        return cond(compare(Rel.GT, Z, ZERO), Z, mul(constant(alpha), sub(exp(Z), ONE)));
    }

    static Expr gelu() {
        return mul(HALF, Z, add(ONE, erf(div(Z, sqrt(constant(2.0))))));
    }

    static Expr geluTanh() {
        Expr inner = mul(sqrt(constant(2 / Math.PI)), add(Z, mul(constant(0.044715), pow(Z, 3))));
        return mul(HALF, Z, add(ONE, tanh(inner)));
    }

    static Expr swish() {
        return mul(Z, sigmoid(Z));
    }

    static Expr softsign() {
        return div(Z, add(ONE, abs(Z)));
    }

    static Expr bce() {
        return neg(add(mul(Y, log(P)), mul(sub(ONE, Y), log(sub(ONE, P)))));
    }

    static Expr huber(double delta) {
        Expr r = sub(P, Y);
        Expr d = constant(delta);
        return cond(compare(Rel.LE, abs(r), d), mul(HALF, pow(r, 2)),
                mul(d, sub(abs(r), mul(HALF, d))));
    }

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        Map<String, double[]> wide = Map.of("z", new double[] {-5, 5});
        Map<String, double[]> positive = Map.of("z", new double[] {0.05, 10});
        for (Fn fn : Fn.values()) {
            if (fn.arity() == 2) {
                Map<String, double[]> two = new LinkedHashMap<>();
                two.put("z", new double[] {-3, 3});
                two.put("w", new double[] {-3, 3});
                cases.add(new Case(fn.spelling(), Exprs.call(fn, Z, W), "z", two));
                cases.add(new Case(fn.spelling(), Exprs.call(fn, Z, W), "w", two));
                // a composite argument exercises the chain rule through both arguments
                cases.add(new Case(fn.spelling() + " composite", Exprs.call(fn, pow(Z, 2), sub(ONE, Z)), "z", wide));
            } else {
                boolean needsPositive = fn == Fn.LOG || fn == Fn.SQRT;
                cases.add(new Case(fn.spelling(), Exprs.call(fn, Z), "z", needsPositive ? positive : wide));
                // and through the chain rule, with an inner function that keeps the argument in the domain
                Expr inner = needsPositive ? add(ONE, pow(Z, 2)) : sub(mul(constant(1.5), Z), constant(0.25));
                cases.add(new Case(fn.spelling() + "∘inner", Exprs.call(fn, inner), "z", wide));
            }
        }
        // built-in activations
        cases.add(new Case("identity", Z, "z", wide));
        cases.add(new Case("relu", relu(), "z", wide));
        cases.add(new Case("leaky_relu(0.2)", leakyRelu(0.2), "z", wide));
        cases.add(new Case("elu(1)", elu(1.0), "z", wide));
        cases.add(new Case("gelu", gelu(), "z", wide));
        cases.add(new Case("gelu_tanh", geluTanh(), "z", wide));
        cases.add(new Case("sigmoid", sigmoid(Z), "z", wide));
        cases.add(new Case("tanh", tanh(Z), "z", wide));
        cases.add(new Case("softplus", softplus(Z), "z", wide));
        cases.add(new Case("swish", swish(), "z", wide));
        cases.add(new Case("softsign", softsign(), "z", wide));
        // built-in losses, by p and by y
        Map<String, double[]> py = new LinkedHashMap<>();
        py.put("p", new double[] {-3, 3});
        py.put("y", new double[] {-3, 3});
        Map<String, double[]> probabilities = new LinkedHashMap<>();
        probabilities.put("p", new double[] {0.02, 0.98});
        probabilities.put("y", new double[] {0, 1});
        for (String var : List.of("p", "y")) {
            cases.add(new Case("mse", pow(sub(P, Y), 2), var, py));
            cases.add(new Case("half_sse", mul(HALF, pow(sub(P, Y), 2)), var, py));
            cases.add(new Case("bce", bce(), var, probabilities));
            cases.add(new Case("cross_entropy", neg(mul(Y, log(P))), var, probabilities));
            cases.add(new Case("huber(1)", huber(1.0), var, py));
        }
        // bce composed with the sigmoid output (the from-logits form), by the logit
        Map<String, double[]> logits = new LinkedHashMap<>();
        logits.put("z", new double[] {-6, 6});
        logits.put("y", new double[] {0, 1});
        cases.add(new Case("bce∘sigmoid", Exprs.substitute(bce(), Map.of("p", sigmoid(Z))), "z", logits));
        // user formulas
        cases.add(new Case("mish", mul(Z, tanh(softplus(Z))), "z", wide));
        cases.add(new Case("bent identity", add(div(sub(sqrt(add(pow(Z, 2), ONE)), ONE), constant(2)), Z), "z",
                wide));
        cases.add(new Case("sin", Exprs.call(Fn.SIN, Z), "z", wide));
        cases.add(new Case("3z³ − 2z + 1", add(mul(constant(3), pow(Z, 3)), mul(constant(-2), Z), ONE), "z", wide));
        cases.add(new Case("z⁴/4", div(pow(Z, 4), constant(4)), "z", wide));
        cases.add(new Case("huber(0.5)", huber(0.5), "p", py));
        Test inBand = Exprs.and(compare(Rel.GT, Z, constant(-1)), compare(Rel.LT, Z, ONE));
        Test outer = Exprs.or(compare(Rel.LE, Z, constant(-2)), Exprs.not(compare(Rel.LT, Z, constant(2))));
        cases.add(new Case("piecewise and/or", cond(inBand, pow(Z, 2), cond(outer, mul(constant(3), Z), exp(Z))),
                "z", wide));
        cases.add(new Case("min/max clamp", Exprs.min(Exprs.max(mul(constant(2), Z), constant(-1)), add(Z, ONE)),
                "z", wide));
        cases.add(new Case("exp(−z²)", exp(neg(pow(Z, 2))), "z", wide));
        cases.add(new Case("log(1 + z²)", log(add(ONE, pow(Z, 2))), "z", wide));
        cases.add(new Case("z^w", pow(Z, W), "z", Map.of("z", new double[] {0.1, 4}, "w", new double[] {-2, 2})));
        cases.add(new Case("z^w", pow(Z, W), "w", Map.of("z", new double[] {0.1, 4}, "w", new double[] {-2, 2})));
        cases.add(new Case("2^z", pow(constant(2), Z), "z", wide));
        cases.add(new Case("1/(1 + e^−z)", div(ONE, add(ONE, exp(neg(Z)))), "z", wide));
        cases.add(new Case("sqrt(z)^3 / abs(z − 1)", div(pow(sqrt(Z), 3), abs(sub(Z, ONE))), "z", positive));
        return cases;
    }
}
