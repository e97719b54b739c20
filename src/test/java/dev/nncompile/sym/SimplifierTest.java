package dev.nncompile.sym;

import static dev.nncompile.sym.Exprs.ONE;
import static dev.nncompile.sym.Exprs.abs;
import static dev.nncompile.sym.Exprs.add;
import static dev.nncompile.sym.Exprs.constant;
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
import static dev.nncompile.sym.FormulaCatalog.Y;
import static dev.nncompile.sym.FormulaCatalog.Z;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

class SimplifierTest {
    private static final Expr X = Exprs.var("x");

    private static Expr simplify(Expr e) {
        return Simplifier.simplify(e);
    }

    @org.junit.jupiter.api.Test
    void logOfExpIsTheArgument() {
        assertEquals(X, simplify(log(exp(X))));
    }

    @org.junit.jupiter.api.Test
    void expOfLogIsLeftAlone() {
        // exp(log x) = x only for x > 0
        assertEquals(exp(log(X)), simplify(exp(log(X))));
    }

    @org.junit.jupiter.api.Test
    void logOfSigmoidIsMinusSoftplusOfMinusX() {
        assertEquals(neg(softplus(neg(X))), simplify(log(sigmoid(X))));
        assertEquals(neg(softplus(X)), simplify(log(sigmoid(neg(X)))));
    }

    @org.junit.jupiter.api.Test
    void logOfOneMinusSigmoidIsMinusSoftplus() {
        assertEquals(neg(softplus(X)), simplify(log(sub(ONE, sigmoid(X)))));
    }

    @org.junit.jupiter.api.Test
    void symmetriesPullTheSignOut() {
        assertEquals(neg(tanh(X)), simplify(tanh(neg(X))));
        assertEquals(abs(X), simplify(abs(neg(X))));
        assertEquals(abs(sub(X, Y)), simplify(abs(sub(Y, X))));
        assertEquals(Exprs.call(Fn.COS, X), simplify(Exprs.call(Fn.COS, mul(constant(-1), X))));
        assertEquals(neg(Exprs.erf(mul(constant(2), X))), simplify(Exprs.erf(mul(constant(-2), X))));
    }

    @org.junit.jupiter.api.Test
    void sigmoidAndSoftplusReflectOnlyWhenTermsCancel() {
        // kept as written alone: 1 − σ(x) would lose all relative accuracy for large x
        assertEquals(sigmoid(neg(X)), simplify(sigmoid(neg(X))));
        assertEquals(softplus(neg(X)), simplify(softplus(neg(X))));
        // σ(−x) = 1 − σ(x) and softplus(−x) = softplus(x) − x when that makes terms cancel
        assertEquals(ONE, simplify(add(sigmoid(neg(X)), sigmoid(X))));
        assertEquals(sub(sigmoid(X), Y), simplify(sub(mul(sub(ONE, Y), sigmoid(X)), mul(Y, sigmoid(neg(X))))));
        assertEquals(X, simplify(sub(softplus(X), softplus(neg(X)))));
    }

    @org.junit.jupiter.api.Test
    void signPullingIsStableForSums() {
        // exactly one of u and −u reads negative, whatever the sort order of the terms
        Expr u = sub(Y, X);
        assertTrue(Simplifier.isNegative(u) != Simplifier.isNegative(neg(u)));
        Expr v = add(constant(3), mul(constant(-2), X), pow(Y, 2));
        assertTrue(Simplifier.isNegative(v) != Simplifier.isNegative(neg(v)));
    }

    @org.junit.jupiter.api.Test
    void squareRootsHaveOneCanonicalForm() {
        assertEquals(sqrt(X), simplify(pow(X, 0.5)));
        assertEquals(pow(sqrt(X), -1), simplify(pow(X, -0.5)));
        assertEquals(X, simplify(pow(sqrt(X), 2)));
        assertEquals(abs(X), simplify(sqrt(pow(X, 2))));
        assertEquals(pow(X, 2), simplify(pow(abs(X), 2)));
    }

    @org.junit.jupiter.api.Test
    void exponentialsMerge() {
        assertEquals(exp(add(X, Y)), simplify(mul(exp(X), exp(Y))));
        assertEquals(exp(mul(constant(2), X)), simplify(mul(exp(X), exp(X))));
        assertEquals(exp(neg(X)), simplify(pow(exp(X), -1)));
    }

    @org.junit.jupiter.api.Test
    void signTimesItsArgumentIsAbs() {
        assertEquals(mul(constant(3), abs(X)), simplify(mul(constant(3), X, Exprs.sign(X))));
        assertEquals(X, simplify(mul(abs(X), Exprs.sign(X))));
    }

    @org.junit.jupiter.api.Test
    void conditionsWithTheSameTestMerge() {
        Test t = Exprs.compare(Test.Rel.GT, X, Exprs.ZERO);
        Expr sum = add(Exprs.cond(t, X, Exprs.ZERO), Exprs.cond(t, Exprs.ZERO, Y));
        assertEquals(Exprs.cond(t, X, Y), simplify(sum));
        assertEquals(Exprs.cond(t, Y, Exprs.ZERO), simplify(mul(Y, Exprs.cond(t, ONE, Exprs.ZERO))));
        // without a zero branch the factor stays outside (it would be written twice)
        Expr leaky = mul(Y, Exprs.cond(t, ONE, constant(0.2)));
        assertEquals(leaky, simplify(leaky));
    }

    @org.junit.jupiter.api.Test
    void expansionOnlyWhenTermsCancel() {
        // (1 + x)(1 − x) = 1 − x²
        assertEquals(sub(ONE, pow(X, 2)), simplify(mul(add(ONE, X), sub(ONE, X))));
        // σ(1 − σ) stays factored: expanding would not make it smaller
        Expr factored = mul(sigmoid(X), sub(ONE, sigmoid(X)));
        assertEquals(factored, simplify(factored));
        // x(y + 1) − xy = x
        assertEquals(X, simplify(sub(mul(X, add(Y, ONE)), mul(X, Y))));
    }

    @org.junit.jupiter.api.Test
    void bceOfSigmoidIsSoftplusMinusYZ() {
        Expr loss = Exprs.substitute(FormulaCatalog.bce(), Map.of("p", sigmoid(Z)));
        Expr simplified = simplify(loss);
        assertEquals(sub(softplus(Z), mul(Y, Z)), simplified);
        assertFalse(simplified.toString().contains("LOG"), "no log of a sigmoid left: " + simplified);
    }

    @org.junit.jupiter.api.Test
    void simplifyIsIdempotent() {
        for (FormulaCatalog.Case c : FormulaCatalog.all()) {
            Expr once = simplify(c.formula());
            assertEquals(once, simplify(once), c.toString());
            Expr d = Derivative.of(c.formula(), c.var());
            assertEquals(d, simplify(d), c.toString());
        }
    }

    @org.junit.jupiter.api.Test
    void sizeCountsEveryNode() {
        assertEquals(1, Simplifier.size(X));
        // Add[1, Mul[-1, σ(x)]]: add, 1, mul, −1, σ, x
        assertEquals(6, Simplifier.size(sub(ONE, sigmoid(X))));
    }
}
