package dev.nncompile.sym;

import static dev.nncompile.sym.Exprs.ONE;
import static dev.nncompile.sym.Exprs.add;
import static dev.nncompile.sym.Exprs.exp;
import static dev.nncompile.sym.Exprs.mul;
import static dev.nncompile.sym.Exprs.sigmoid;
import static dev.nncompile.sym.Exprs.sub;
import static dev.nncompile.sym.Exprs.var;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nncompile.sym.CommonSubexpressions.Binding;
import dev.nncompile.sym.CommonSubexpressions.Shared;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

class CommonSubexpressionsTest {
    private static final Expr Z = var("z");
    private static final Expr A = var("a");
    private static final Expr B = var("b");

    @org.junit.jupiter.api.Test
    void sigmoidDerivativeSharesTheSigmoid() {
        Shared s = CommonSubexpressions.share(List.of(Derivative.of(sigmoid(Z), "z")));
        assertEquals(List.of(new Binding("t0", sigmoid(Z))), s.temporaries());
        Expr t0 = var("t0");
        assertEquals(List.of(new Mul(List.of(t0, new Add(List.of(ONE, new Mul(List.of(Exprs.MINUS_ONE, t0))))))),
                s.roots());
    }

    @org.junit.jupiter.api.Test
    void nestedSharingCountsAUseInsideASharedExpressionOnce() {
        Expr inner = add(A, B);
        Expr outer = exp(inner);
        Shared s = CommonSubexpressions.share(List.of(mul(outer, Z), add(outer, ONE)));
        // a + b appears only inside exp(a + b): one temporary
        assertEquals(List.of(new Binding("t0", outer)), s.temporaries());
    }

    @org.junit.jupiter.api.Test
    void temporariesAreBottomUpAndInDependencyOrder() {
        Expr inner = add(A, B);
        Expr outer = exp(inner);
        // a + b is also used on its own, so both are shared; the inner one first
        Shared s = CommonSubexpressions.share(List.of(mul(outer, Z), add(outer, ONE), mul(inner, Z)));
        assertEquals(2, s.temporaries().size());
        assertEquals(new Binding("t0", inner), s.temporaries().get(0));
        assertEquals(new Binding("t1", new Call(Fn.EXP, List.of(var("t0")))), s.temporaries().get(1));
        // the structure is kept as it was (Mul[z, a + b]), only the shared part is renamed
        assertEquals(new Mul(List.of(Z, var("t0"))), s.roots().get(2));
    }

    @org.junit.jupiter.api.Test
    void aSymbolicRootIsANumberNotATemporary() {
        // gelu′ reads 1/√2 twice; it is printed as a number, so sharing it would only add a local
        Expr gelu = mul(Exprs.HALF, Z, add(ONE, Exprs.erf(Exprs.div(Z, Exprs.sqrt(Exprs.TWO)))));
        Shared s = CommonSubexpressions.share(List.of(Derivative.of(gelu, "z")));
        assertTrue(s.temporaries().isEmpty(), s.temporaries().toString());
    }

    @org.junit.jupiter.api.Test
    void nothingSharedLeavesTheRootsAlone() {
        List<Expr> roots = List.of(add(A, Z), mul(B, Z), sub(ONE, sigmoid(A)));
        Shared s = CommonSubexpressions.share(roots);
        assertTrue(s.temporaries().isEmpty());
        assertEquals(roots, s.roots());
    }

    @org.junit.jupiter.api.Test
    void namesAvoidVariablesOfTheRoots() {
        Expr e = mul(var("t0"), sigmoid(Z));
        Shared s = CommonSubexpressions.share(List.of(e, add(sigmoid(Z), ONE)));
        assertEquals("t1", s.temporaries().get(0).name());
    }

    @org.junit.jupiter.api.Test
    void sharesInsideConditionsToo() {
        Expr sq = Exprs.pow(sub(A, B), 2);
        Expr e = Exprs.cond(Exprs.compare(Test.Rel.LE, sq, ONE), sq, Exprs.sqrt(sq));
        Shared s = CommonSubexpressions.share(List.of(e));
        assertEquals(List.of(new Binding("t0", sq)), s.temporaries());
    }

    @org.junit.jupiter.api.Test
    void deterministicAndValuePreserving() {
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            List<Expr> roots = List.of(SimplifierPropertyTest.generate(random, 5),
                    SimplifierPropertyTest.generate(random, 4));
            Shared s = CommonSubexpressions.share(roots);
            assertEquals(s, CommonSubexpressions.share(roots));
            for (int k = 0; k < 3; k++) {
                Map<String, Double> point = new HashMap<>(Map.of("x", random.nextDouble() * 4 - 2,
                        "y", random.nextDouble() * 4 - 2));
                for (Binding b : s.temporaries()) {
                    point.put(b.name(), Evaluator.evaluate(b.value(), point));
                }
                for (int r = 0; r < roots.size(); r++) {
                    double expected = Evaluator.evaluate(roots.get(r), point);
                    double actual = Evaluator.evaluate(s.roots().get(r), point);
                    assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                            () -> roots + " → " + s);
                }
            }
            for (Binding b : s.temporaries()) {
                assertTrue(b.value() instanceof Add || b.value() instanceof Mul || b.value() instanceof Pow
                        || b.value() instanceof Call || b.value() instanceof Cond, b.toString());
            }
        }
    }
}
