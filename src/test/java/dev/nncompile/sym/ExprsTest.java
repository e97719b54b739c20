package dev.nncompile.sym;

import static dev.nncompile.sym.Exprs.ONE;
import static dev.nncompile.sym.Exprs.TWO;
import static dev.nncompile.sym.Exprs.ZERO;
import static dev.nncompile.sym.Exprs.add;
import static dev.nncompile.sym.Exprs.constant;
import static dev.nncompile.sym.Exprs.mul;
import static dev.nncompile.sym.Exprs.pow;
import static dev.nncompile.sym.Exprs.sub;
import static dev.nncompile.sym.Exprs.var;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/** The smart constructors' canonical forms (DESIGN.md §3: equal expressions are equal records). */
class ExprsTest {
    private static final Expr X = var("x");
    private static final Expr A = var("a");
    private static final Expr B = var("b");

    @org.junit.jupiter.api.Test
    void likeTermsAndEqualBasesCollect() {
        assertEquals(new Mul(List.of(TWO, X)), add(X, X));
        assertEquals(new Pow(X, TWO), mul(X, X));
        assertEquals(ZERO, sub(X, X));
        assertEquals(ONE, mul(X, Exprs.div(ONE, X)));
    }

    @org.junit.jupiter.api.Test
    void squareRootOfASquareIsNotTheBase() {
        Expr e = pow(pow(X, 2), 0.5);
        assertNotEquals(X, e);
        assertEquals(new Pow(new Pow(X, TWO), Exprs.HALF), e);
        // the simplifier knows the right answer: |x|
        assertEquals(Exprs.abs(X), Simplifier.simplify(e));
    }

    @org.junit.jupiter.api.Test
    void constantTimesASumDistributes() {
        assertEquals(add(mul(TWO, A), mul(TWO, B)), mul(TWO, add(A, B)));
        assertEquals(new Add(List.of(new Mul(List.of(TWO, A)), new Mul(List.of(TWO, B)))), mul(TWO, add(A, B)));
    }

    @org.junit.jupiter.api.Test
    void equalCanonicalFormsAreEqualRecords() {
        assertEquals(add(A, mul(B, X), constant(3)), add(constant(1), mul(X, B), A, constant(2)));
        assertEquals(mul(A, B, X).hashCode(), mul(X, mul(B, A)).hashCode());
        assertEquals(sub(ONE, A), add(mul(constant(-1), A), ONE));
        // a − b is Add[a, Mul[-1, b]]; the constant term comes first
        assertEquals(new Add(List.of(ONE, new Mul(List.of(Exprs.MINUS_ONE, A)))), sub(ONE, A));
    }

    @org.junit.jupiter.api.Test
    void constantsFold() {
        assertEquals(constant(6), mul(TWO, constant(3)));
        assertEquals(constant(Math.exp(1)), Exprs.exp(ONE));
        assertEquals(constant(0.0), constant(-0.0));
        assertEquals(ONE, pow(X, 0));
        assertEquals(X, pow(X, 1));
    }

    @org.junit.jupiter.api.Test
    void inexactSquareRootsStaySymbolicSoTheirSquaresAreExact() {
        assertEquals(TWO, Exprs.sqrt(constant(4)));
        assertEquals(constant(0.5), Exprs.sqrt(constant(0.25)));
        Expr root2 = Exprs.sqrt(TWO);
        assertEquals(new Call(Fn.SQRT, List.of(TWO)), root2);
        // (x/√2)² = x²/2 with 0.5 exactly: folded first, 0.7071067811865475² is 0.4999999999999999
        Expr square = Simplifier.simplify(pow(Exprs.div(X, root2), 2));
        assertEquals(mul(constant(0.5), pow(X, 2)), square);
        // in code it is a number: evaluated once, at compile time
        assertEquals(Math.sqrt(2), Exprs.numericValue(root2).getAsDouble());
        assertEquals(1 / Math.sqrt(2), Exprs.numericValue(Exprs.div(ONE, root2)).getAsDouble());
        assertTrue(Exprs.numericValue(mul(X, root2)).isEmpty());
    }

    @org.junit.jupiter.api.Test
    void decidedConditionsCollapse() {
        assertEquals(X, Exprs.cond(Exprs.compare(Test.Rel.LT, ONE, TWO), X, A));
        assertEquals(X, Exprs.cond(Exprs.compare(Test.Rel.LT, A, TWO), X, X));
    }
}
