package dev.nncompile.sym;

import static dev.nncompile.sym.Exprs.ONE;
import static dev.nncompile.sym.Exprs.add;
import static dev.nncompile.sym.Exprs.constant;
import static dev.nncompile.sym.Exprs.mul;
import static dev.nncompile.sym.Exprs.pow;
import static dev.nncompile.sym.Exprs.sigmoid;
import static dev.nncompile.sym.Exprs.sub;
import static dev.nncompile.sym.Exprs.tanh;
import static dev.nncompile.sym.Exprs.var;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

class RewriterTest {
    private static final Expr Z = var("z");
    private static final Expr A = var("a");
    private static final Expr B = var("b");
    private static final Expr X = var("x");

    @org.junit.jupiter.api.Test
    void sigmoidDerivativeThroughTheActivation() {
        Expr d = Derivative.of(sigmoid(Z), "z");
        assertEquals(mul(A, sub(ONE, A)), Rewriter.replace(d, sigmoid(Z), A));
    }

    @org.junit.jupiter.api.Test
    void tanhDerivativeThroughTheActivation() {
        Expr d = Derivative.of(tanh(Z), "z");
        assertEquals(sub(ONE, pow(A, 2)), Rewriter.replace(d, tanh(Z), A));
    }

    @org.junit.jupiter.api.Test
    void expDerivativeIsTheActivation() {
        assertEquals(A, Rewriter.replace(Derivative.of(Exprs.exp(Z), "z"), Exprs.exp(Z), A));
    }

    @org.junit.jupiter.api.Test
    void productPatternInsideALargerProduct() {
        Expr e = mul(constant(2), Z, sigmoid(Z), sub(ONE, sigmoid(Z)));
        Expr pattern = mul(Z, sigmoid(Z));
        assertEquals(mul(constant(2), A, sub(ONE, sigmoid(Z))), Rewriter.replace(e, pattern, A));
    }

    @org.junit.jupiter.api.Test
    void productPatternInsidePowers() {
        // z³·σ(z)² = (z·σ(z))²·z
        Expr e = mul(pow(Z, 3), pow(sigmoid(Z), 2));
        assertEquals(mul(pow(A, 2), Z), Rewriter.replace(e, mul(Z, sigmoid(Z)), A));
        // a plain factor inside a power
        assertEquals(pow(A, 3), Rewriter.replace(pow(sigmoid(Z), 3), sigmoid(Z), A));
    }

    @org.junit.jupiter.api.Test
    void productPatternWithACoefficient() {
        // 6·x·y = 3·(2·x·y)
        Expr y = var("y");
        assertEquals(mul(constant(3), A), Rewriter.replace(mul(constant(6), X, y), mul(constant(2), X, y), A));
    }

    @org.junit.jupiter.api.Test
    void sumPatternInsideALargerSum() {
        Expr e = add(X, sub(ONE, sigmoid(Z)));
        assertEquals(add(X, B), Rewriter.replace(e, sub(ONE, sigmoid(Z)), B));
        // the constructors turned 2·(1 − σ) into 2 − 2σ: still found, scaled
        Expr scaled = add(X, mul(constant(2), sub(ONE, sigmoid(Z))));
        assertEquals(add(X, mul(constant(2), B)), Rewriter.replace(scaled, sub(ONE, sigmoid(Z)), B));
    }

    @org.junit.jupiter.api.Test
    void sumPatternNeedsEveryTermIncludingTheConstant() {
        Expr e = add(X, mul(constant(-1), sigmoid(Z)));
        // x − σ(z) does not contain 1 − σ(z), though σ(z) may still be replaced inside
        assertEquals(sub(X, sigmoid(Z)), Rewriter.replace(e, sub(ONE, sigmoid(Z)), B));
        // terms scaled differently do not match
        Expr uneven = add(constant(2), mul(constant(-1), sigmoid(Z)));
        assertEquals(uneven, Rewriter.replace(uneven, sub(ONE, sigmoid(Z)), B));
    }

    @org.junit.jupiter.api.Test
    void replacesEveryOccurrenceIncludingInsideTests() {
        Test positive = Exprs.compare(Test.Rel.GT, sigmoid(Z), Exprs.HALF);
        Expr e = Exprs.cond(positive, sigmoid(Z), mul(constant(3), sigmoid(Z)));
        Expr expected = Exprs.cond(Exprs.compare(Test.Rel.GT, A, Exprs.HALF), A, mul(constant(3), A));
        assertEquals(expected, Rewriter.replace(e, sigmoid(Z), A));
    }

    @org.junit.jupiter.api.Test
    void replacementKeepsTheValue() {
        // swish′ re-expressed through s = σ(z): value unchanged when s holds σ(z)
        Expr d = Derivative.of(mul(Z, sigmoid(Z)), "z");
        Expr viaS = Rewriter.replace(d, sigmoid(Z), var("s"));
        for (double z = -4; z <= 4; z += 0.37) {
            double s = NumericFunctions.sigmoid(z);
            assertEquals(Evaluator.evaluate(d, Map.of("z", z)), Evaluator.evaluate(viaS, Map.of("z", z, "s", s)),
                    1e-15);
        }
    }

    @org.junit.jupiter.api.Test
    void bottomUpAndSubstitute() {
        Expr e = add(X, mul(constant(2), pow(X, 2)));
        assertEquals(add(Z, mul(constant(2), pow(Z, 2))), Exprs.substitute(e, Map.of("x", Z)));
        Expr doubled = Rewriter.bottomUp(e, n -> n instanceof Const c ? constant(2 * c.value()) : n);
        assertEquals(add(X, mul(constant(4), pow(X, 4))), doubled);
    }
}
