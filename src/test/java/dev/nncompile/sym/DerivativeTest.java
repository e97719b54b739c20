package dev.nncompile.sym;

import static dev.nncompile.sym.Exprs.ONE;
import static dev.nncompile.sym.Exprs.ZERO;
import static dev.nncompile.sym.Exprs.add;
import static dev.nncompile.sym.Exprs.constant;
import static dev.nncompile.sym.Exprs.mul;
import static dev.nncompile.sym.Exprs.neg;
import static dev.nncompile.sym.Exprs.pow;
import static dev.nncompile.sym.Exprs.sigmoid;
import static dev.nncompile.sym.Exprs.softplus;
import static dev.nncompile.sym.Exprs.sub;
import static dev.nncompile.sym.Exprs.tanh;
import static dev.nncompile.sym.FormulaCatalog.P;
import static dev.nncompile.sym.FormulaCatalog.Y;
import static dev.nncompile.sym.FormulaCatalog.Z;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DerivativeTest {
    private static final int POINTS = 60;

    static Stream<FormulaCatalog.Case> cases() {
        return FormulaCatalog.all().stream();
    }

    /**
     * The symbolic derivative agrees with a numerical one (fourth-order central difference, the independent oracle)
     * at seeded random points; points whose stencil could straddle a kink are skipped.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesFiniteDifferences(FormulaCatalog.Case c) {
        Expr derivative = Derivative.of(c.formula(), c.var());
        List<Expr> switches = Kinks.switchingFunctions(c.formula());
        Random random = new Random(c.name().hashCode() * 31L + c.var().hashCode());
        int checked = 0;
        for (int attempt = 0; checked < POINTS && attempt < 20 * POINTS; attempt++) {
            Map<String, Double> point = new HashMap<>();
            for (Map.Entry<String, double[]> r : c.ranges().entrySet()) {
                double[] range = r.getValue();
                point.put(r.getKey(), range[0] + (range[1] - range[0]) * random.nextDouble());
            }
            double x = point.get(c.var());
            double h = 1e-4 * Math.max(1, Math.abs(x));
            if (Kinks.near(switches, point, c.var(), 1e-3 * Math.max(1, Math.abs(x)), 2 * h)) {
                continue;
            }
            double numeric = fivePoint(c.formula(), point, c.var(), h);
            double symbolic = Evaluator.evaluate(derivative, point);
            double scale = Math.max(Math.max(Math.abs(numeric), Math.abs(symbolic)), 1e-3);
            assertTrue(Math.abs(numeric - symbolic) / scale < 1e-6,
                    () -> c + " at " + point + ": symbolic " + symbolic + " vs numeric " + numeric + " for "
                            + derivative);
            checked++;
        }
        assertEquals(POINTS, checked, "too many points near a kink for " + c);
    }

    /** f′(x) ≈ (−f(x+2h) + 8f(x+h) − 8f(x−h) + f(x−2h)) / 12h, error O(h⁴). */
    private static double fivePoint(Expr f, Map<String, Double> point, String var, double h) {
        double x = point.get(var);
        double[] at = new double[4];
        double[] offsets = {2 * h, h, -h, -2 * h};
        for (int i = 0; i < 4; i++) {
            Map<String, Double> shifted = new HashMap<>(point);
            shifted.put(var, x + offsets[i]);
            at[i] = Evaluator.evaluate(f, shifted);
        }
        return (-at[0] + 8 * at[1] - 8 * at[2] + at[3]) / (12 * h);
    }

    // ---- kink conventions (CONTRACTS.md "Numerics") ------------------------------------------------------------

    @org.junit.jupiter.api.Test
    void reluHasSlopeZeroAtZero() {
        assertEquals(0.0, at(Derivative.of(FormulaCatalog.relu(), "z"), 0.0));
        assertEquals(1.0, at(Derivative.of(FormulaCatalog.relu(), "z"), 1e-300));
    }

    @org.junit.jupiter.api.Test
    void leakyReluHasSlopeAlphaAtZero() {
        assertEquals(0.2, at(Derivative.of(FormulaCatalog.leakyRelu(0.2), "z"), 0.0));
    }

    @org.junit.jupiter.api.Test
    void absHasSlopeZeroAtZero() {
        Expr d = Derivative.of(Exprs.abs(Z), "z");
        assertEquals(0.0, at(d, 0.0));
        assertEquals(-1.0, at(d, -2.0));
        assertEquals(Exprs.sign(Z), d);
    }

    @org.junit.jupiter.api.Test
    void eluSlopeAtZeroIsTheElseBranch() {
        // z > 0 is false at 0: α·e⁰ = α
        assertEquals(1.0, at(Derivative.of(FormulaCatalog.elu(1.0), "z"), 0.0));
    }

    @org.junit.jupiter.api.Test
    void minAndMaxGiveTheTieToTheFirstArgument() {
        Expr w = FormulaCatalog.W;
        Map<String, Double> tie = Map.of("z", 1.0, "w", 1.0);
        assertEquals(1.0, Evaluator.evaluate(Derivative.of(Exprs.min(Z, w), "z"), tie));
        assertEquals(0.0, Evaluator.evaluate(Derivative.of(Exprs.min(Z, w), "w"), tie));
        assertEquals(1.0, Evaluator.evaluate(Derivative.of(Exprs.max(Z, w), "z"), tie));
        assertEquals(0.0, Evaluator.evaluate(Derivative.of(Exprs.max(Z, w), "w"), tie));
    }

    // ---- textbook forms --------------------------------------------------------------------------------------

    @org.junit.jupiter.api.Test
    void sigmoidDerivativeIsSigmaTimesOneMinusSigma() {
        assertEquals(mul(sigmoid(Z), sub(ONE, sigmoid(Z))), Derivative.of(sigmoid(Z), "z"));
    }

    @org.junit.jupiter.api.Test
    void tanhDerivativeIsOneMinusTanhSquared() {
        assertEquals(sub(ONE, pow(tanh(Z), 2)), Derivative.of(tanh(Z), "z"));
    }

    @org.junit.jupiter.api.Test
    void softplusDerivativeIsSigmoid() {
        assertEquals(sigmoid(Z), Derivative.of(softplus(Z), "z"));
    }

    @org.junit.jupiter.api.Test
    void bceFromLogitsDerivativeIsSigmaMinusY() {
        Expr loss = Exprs.substitute(FormulaCatalog.bce(), Map.of("p", sigmoid(Z)));
        Expr expected = sub(sigmoid(Z), Y);
        assertEquals(expected, Derivative.of(loss, "z"));
        assertEquals(expected, Derivative.of(Simplifier.simplify(loss), "z"));
    }

    @org.junit.jupiter.api.Test
    void geluDerivativeHasTheGaussianExactly() {
        // gelu′(z) = ½(1 + erf(z/√2)) + z·e^(−z²/2)/√(2π): the exponent's coefficient is −½, not −0.4999999999999999
        String text = TextPrinter.print(Derivative.of(FormulaCatalog.gelu(), "z"), v -> v);
        assertTrue(text.contains("exp(−0.5·z²)"), text);
        assertTrue(text.contains("erf(z/√2)"), text);
    }

    @org.junit.jupiter.api.Test
    void quotientRuleResultsShareOneDenominator() {
        // softsign′ = 1/(1 + |z|)²
        assertEquals(pow(add(ONE, Exprs.abs(Z)), -2), Derivative.of(FormulaCatalog.softsign(), "z"));
        // bce′ = (p − y)/(p·(1 − p))
        Expr expected = mul(sub(P, Y), pow(P, -1), pow(sub(ONE, P), -1));
        assertEquals(expected, Derivative.of(FormulaCatalog.bce(), "p"));
    }

    @org.junit.jupiter.api.Test
    void squaredErrorDerivatives() {
        assertEquals(mul(constant(2), sub(P, Y)), Derivative.of(pow(sub(P, Y), 2), "p"));
        assertEquals(sub(P, Y), Derivative.of(mul(Exprs.HALF, pow(sub(P, Y), 2)), "p"));
    }

    @org.junit.jupiter.api.Test
    void crossEntropyDerivativeIsMinusYOverP() {
        assertEquals(neg(mul(Y, pow(P, -1))), Derivative.of(neg(mul(Y, Exprs.log(P))), "p"));
    }

    @org.junit.jupiter.api.Test
    void reluDerivativeIsAStep() {
        Expr step = Exprs.cond(Exprs.compare(Test.Rel.GT, Z, ZERO), ONE, ZERO);
        assertEquals(step, Derivative.of(FormulaCatalog.relu(), "z"));
    }

    @org.junit.jupiter.api.Test
    void minDerivativeIsOneCondition() {
        Expr w = FormulaCatalog.W;
        Expr expected = Exprs.cond(Exprs.compare(Test.Rel.LE, pow(Z, 2), w), mul(constant(2), Z), ZERO);
        assertEquals(expected, Derivative.of(Exprs.min(pow(Z, 2), w), "z"));
    }

    @org.junit.jupiter.api.Test
    void powerRuleFastPaths() {
        assertEquals(mul(constant(3), pow(Z, 2)), Derivative.of(pow(Z, 3), "z"));
        Expr twoToZ = pow(constant(2), Z);
        assertEquals(mul(constant(Math.log(2)), twoToZ), Derivative.of(twoToZ, "z"));
        assertEquals(ZERO, Derivative.of(pow(Y, 3), "z"));
    }

    @org.junit.jupiter.api.Test
    void constantsAndOtherVariablesHaveNoDerivative() {
        assertEquals(ZERO, Derivative.of(add(Y, constant(3), Exprs.exp(Y)), "z"));
        assertEquals(ONE, Derivative.of(Z, "z"));
    }

    private static double at(Expr e, double z) {
        return Evaluator.evaluate(e, Map.of("z", z));
    }

    /** Where a formula is not smooth: the zero sets of its comparisons and of the arguments of abs, sign, min, max. */
    static final class Kinks {
        private Kinks() {}

        static List<Expr> switchingFunctions(Expr e) {
            List<Expr> out = new ArrayList<>();
            collect(e, out);
            return out;
        }

        private static void collect(Expr e, List<Expr> out) {
            if (e instanceof Call c) {
                if (c.fn() == Fn.ABS || c.fn() == Fn.SIGN) {
                    out.add(c.args().get(0));
                } else if (c.fn() == Fn.MIN || c.fn() == Fn.MAX) {
                    out.add(sub(c.args().get(0), c.args().get(1)));
                }
            } else if (e instanceof Cond c) {
                collectTest(c.test(), out);
            }
            for (Expr child : CommonSubexpressions.children(e)) {
                collect(child, out);
            }
        }

        private static void collectTest(Test t, List<Expr> out) {
            if (t instanceof Test.Compare c) {
                out.add(sub(c.left(), c.right()));
            } else if (t instanceof Test.And a) {
                collectTest(a.left(), out);
                collectTest(a.right(), out);
            } else if (t instanceof Test.Or o) {
                collectTest(o.left(), out);
                collectTest(o.right(), out);
            } else {
                collectTest(((Test.Not) t).test(), out);
            }
        }

        /** Whether a switching function is within {@code margin} of 0 anywhere on [x − reach, x + reach]. */
        static boolean near(List<Expr> switches, Map<String, Double> point, String var, double margin,
                double reach) {
            double x = point.get(var);
            for (Expr s : switches) {
                double lo = value(s, point, var, x - reach);
                double mid = value(s, point, var, x);
                double hi = value(s, point, var, x + reach);
                if (Math.abs(mid) < margin || Math.signum(lo) != Math.signum(hi)
                        || Math.signum(lo) != Math.signum(mid)) {
                    return true;
                }
            }
            return false;
        }

        private static double value(Expr s, Map<String, Double> point, String var, double x) {
            Map<String, Double> shifted = new HashMap<>(point);
            shifted.put(var, x);
            return Evaluator.evaluate(s, shifted);
        }
    }
}
