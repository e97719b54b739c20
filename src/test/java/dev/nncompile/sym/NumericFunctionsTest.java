package dev.nncompile.sym;

import static dev.nncompile.sym.Exprs.var;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

/** Accuracy of erf and finiteness of the logistic family at extreme inputs. */
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
}
