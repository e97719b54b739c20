package dev.nncompile.sym;

import static dev.nncompile.sym.Exprs.var;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

class EvaluatorTest {
    private static final Expr X = var("x");

    @org.junit.jupiter.api.Test
    void evaluatesEveryNodeKind() {
        Expr e = Exprs.add(Exprs.constant(1), Exprs.mul(Exprs.constant(2), X), Exprs.pow(X, 3),
                Exprs.cond(Exprs.compare(Test.Rel.GT, X, Exprs.ZERO), Exprs.exp(X), Exprs.ZERO));
        double x = 0.7;
        assertEquals(1 + 2 * x + x * x * x + Math.exp(x), Evaluator.evaluate(e, Map.of("x", x)), 1e-15);
        assertEquals(1 - 1.4 - 0.343, Evaluator.evaluate(e, Map.of("x", -0.7)), 1e-15);
    }

    @org.junit.jupiter.api.Test
    void everyFunctionGoesThroughFnApply() {
        for (Fn fn : Fn.values()) {
            Expr e = fn.arity() == 1 ? Exprs.call(fn, X) : Exprs.call(fn, X, var("y"));
            assertEquals(fn.apply(0.3, -0.2), Evaluator.evaluate(e, Map.of("x", 0.3, "y", -0.2)), fn.spelling());
        }
    }

    @org.junit.jupiter.api.Test
    void testsCombine() {
        Test inside = Exprs.and(Exprs.compare(Test.Rel.GE, X, Exprs.ZERO), Exprs.compare(Test.Rel.LT, X, Exprs.ONE));
        Test outside = Exprs.not(inside);
        Test either = Exprs.or(inside, Exprs.compare(Test.Rel.EQ, X, Exprs.TWO));
        assertTrue(Evaluator.holds(inside, n -> 0.5));
        assertTrue(Evaluator.holds(outside, n -> 1.0));
        assertTrue(Evaluator.holds(either, n -> 2.0));
        assertTrue(!Evaluator.holds(either, n -> 3.0));
        assertTrue(Evaluator.holds(Exprs.compare(Test.Rel.NE, X, Exprs.ONE), n -> 3.0));
    }

    @org.junit.jupiter.api.Test
    void onlyThePickedBranchIsEvaluated() {
        Expr e = Exprs.cond(Exprs.compare(Test.Rel.GT, X, Exprs.ZERO), X, var("missing"));
        assertEquals(2.0, Evaluator.evaluate(e, Map.of("x", 2.0)));
    }

    @org.junit.jupiter.api.Test
    void unknownVariableIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Evaluator.evaluate(Exprs.add(X, var("w1")), Map.of("x", 1.0)));
        assertTrue(e.getMessage().contains("w1"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void functionVariant() {
        assertEquals(9.0, Evaluator.evaluate(Exprs.pow(X, 2), name -> 3.0));
    }
}
