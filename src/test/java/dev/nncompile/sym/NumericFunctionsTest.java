package dev.nncompile.sym;

import static dev.nncompile.sym.Exprs.var;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

/** Accuracy of tanh, log1p and erf, and finiteness of the logistic family at extreme inputs. */
class NumericFunctionsTest {
    private static final Expr Z = var("z");
    private static final double[] EXTREMES = {
        50, -50, 800, -800, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL / 3, -Double.MIN_NORMAL / 3, 0.0,
        -0.0, 1e-300, -1e-300
    };

    @org.junit.jupiter.api.Test
    void erfMatchesKnownValues() {
        assertEquals(0.5204998778130465, NumericFunctions.erf(0.5), 1e-14);
        assertEquals(0.8427007929497149, NumericFunctions.erf(1.0), 1e-14);
        assertEquals(0.9953222650189527, NumericFunctions.erf(2.0), 1e-14);
        assertEquals(0.9999779095030014, NumericFunctions.erf(3.0), 1e-14);
        assertEquals(-0.8427007929497149, NumericFunctions.erf(-1.0), 1e-14);
        assertEquals(0.0, NumericFunctions.erf(0.0));
        assertEquals(1.0, NumericFunctions.erf(40.0));
    }

    @org.junit.jupiter.api.Test
    void erfIsSmoothAcrossItsAlgorithmSwitch() {
        // series below 2.5, continued fraction above: no jump at the seam
        double below = NumericFunctions.erf(Math.nextDown(2.5));
        double above = NumericFunctions.erf(2.5);
        assertEquals(0.9995930479825550, above, 1e-14);
        assertTrue(above - below >= 0 && above - below < 1e-15);
    }

    @org.junit.jupiter.api.Test
    void logisticFamilyAndDerivativesStayFinite() {
        Expr bceFromLogits = Simplifier.simplify(Exprs.substitute(FormulaCatalog.bce(), Map.of("p",
                Exprs.sigmoid(Z))));
        List<Expr> formulas = List.of(Exprs.sigmoid(Z), Exprs.softplus(Z), Exprs.tanh(Z),
                Derivative.of(Exprs.sigmoid(Z), "z"), Derivative.of(Exprs.softplus(Z), "z"),
                Derivative.of(Exprs.tanh(Z), "z"), bceFromLogits, Derivative.of(bceFromLogits, "z"),
                Simplifier.simplify(Exprs.log(Exprs.sigmoid(Z))),
                Simplifier.simplify(Exprs.log(Exprs.sub(Exprs.ONE, Exprs.sigmoid(Z)))));
        for (Expr f : formulas) {
            for (double z : EXTREMES) {
                for (double target : new double[] {0, 1}) {
                    double v = Evaluator.evaluate(f, Map.of("z", z, "y", target));
                    assertTrue(Double.isFinite(v), f + " at z = " + z + ", y = " + target + " is " + v);
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void extremeValuesAreRight() {
        assertEquals(1.0, NumericFunctions.sigmoid(800));
        assertEquals(0.0, NumericFunctions.sigmoid(-800));
        assertEquals(Math.exp(-50), NumericFunctions.sigmoid(-50), 1e-35);
        assertEquals(0.5, NumericFunctions.sigmoid(Double.MIN_VALUE));
        assertEquals(800.0, NumericFunctions.softplus(800));
        assertEquals(Math.exp(-50), NumericFunctions.softplus(-50), 1e-35);
        assertEquals(Math.log(2), NumericFunctions.softplus(Double.MIN_VALUE));
        // BCE from logits: a confident, correct prediction costs ~0, a confident wrong one costs |z|
        Expr bce = Simplifier.simplify(Exprs.substitute(FormulaCatalog.bce(), Map.of("p", Exprs.sigmoid(Z))));
        assertEquals(0.0, Evaluator.evaluate(bce, Map.of("z", 800.0, "y", 1.0)));
        assertEquals(800.0, Evaluator.evaluate(bce, Map.of("z", 800.0, "y", 0.0)));
        assertEquals(800.0, Evaluator.evaluate(bce, Map.of("z", -800.0, "y", 1.0)));
    }

    /** A million arguments (seeded): half uniform in ±25, half ±2^−e·u from every binade down to the subnormals. */
    private static double argument(java.util.SplittableRandom random, int i) {
        return i % 2 == 0 ? random.nextDouble(-25, 25) : Math.scalb(random.nextDouble(-1, 1), -random.nextInt(1080));
    }

    private static double ulps(double value, double reference) {
        return value == reference ? 0 : Math.abs(value - reference) / Math.ulp(reference);
    }

    @org.junit.jupiter.api.Test
    void tanhIsWithinFourUlpOfStrictMathAndRoundsToTheSameFloat() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        double worst = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double x = argument(random, i);
            double exact = StrictMath.tanh(x);
            double ours = NumericFunctions.tanh(x);
            worst = Math.max(worst, ulps(ours, exact));
            assertEquals((float) exact, (float) ours, "float tanh(" + x + ")");
        }
        assertTrue(worst <= 4, "worst error " + worst + " ulp");
        // both sides of the switch between the two formulas, and the special values
        for (double x : new double[] {0.4, Math.nextDown(0.4), -0.4, 1e-300, Double.MIN_VALUE, 19.0, 400}) {
            assertTrue(ulps(NumericFunctions.tanh(x), StrictMath.tanh(x)) <= 4, "tanh(" + x + ")");
        }
        assertEquals(-0.0, NumericFunctions.tanh(-0.0));
        assertEquals(0.0, NumericFunctions.tanh(0.0));
        assertEquals(1.0, NumericFunctions.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, NumericFunctions.tanh(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(NumericFunctions.tanh(Double.NaN)));
    }

    @org.junit.jupiter.api.Test
    void log1pIsWithinTwoUlpOfStrictMath() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(8);
        double worst = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double u = Math.abs(argument(random, i)) % 1.0;   // softplus calls it on e^−|x| in (0, 1]
            worst = Math.max(worst, ulps(NumericFunctions.log1p(u), StrictMath.log1p(u)));
        }
        assertTrue(worst <= 2, "worst error " + worst + " ulp");
        assertEquals(Math.log(2), NumericFunctions.log1p(1.0));
        assertEquals(Double.MIN_VALUE, NumericFunctions.log1p(Double.MIN_VALUE));
        assertEquals(0.0, NumericFunctions.log1p(0.0));
    }
}
