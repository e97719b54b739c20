package dev.nncompile.sym;

import static dev.nncompile.sym.Exprs.ONE;
import static dev.nncompile.sym.Exprs.abs;
import static dev.nncompile.sym.Exprs.add;
import static dev.nncompile.sym.Exprs.compare;
import static dev.nncompile.sym.Exprs.cond;
import static dev.nncompile.sym.Exprs.constant;
import static dev.nncompile.sym.Exprs.div;
import static dev.nncompile.sym.Exprs.exp;
import static dev.nncompile.sym.Exprs.log;
import static dev.nncompile.sym.Exprs.max;
import static dev.nncompile.sym.Exprs.mul;
import static dev.nncompile.sym.Exprs.neg;
import static dev.nncompile.sym.Exprs.pow;
import static dev.nncompile.sym.Exprs.sigmoid;
import static dev.nncompile.sym.Exprs.sqrt;
import static dev.nncompile.sym.Exprs.sub;
import static dev.nncompile.sym.Exprs.tanh;
import static dev.nncompile.sym.Exprs.var;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TextPrinterTest {
    private static final Expr A = var("a");
    private static final Expr B = var("b");
    private static final Expr C = var("c");
    private static final Expr X = var("x");
    private static final Expr Y = var("y");
    private static final Expr Z = var("z");
    private static final Expr N = var("N");

    @Test
    void differencesReadInCanonicalOrder() {
        assertEquals("a − y", TextPrinter.print(sub(A, Y)));
        assertEquals("1 − a", TextPrinter.print(sub(ONE, A)));
        assertEquals("a·(1 − a)", TextPrinter.print(mul(A, sub(ONE, A))));
        assertEquals("x − 1", TextPrinter.print(sub(X, ONE)));
        assertEquals("−x − 1", TextPrinter.print(sub(neg(X), ONE)));
    }

    @Test
    void negativeCoefficientsPrintAsSubtraction() {
        assertEquals("x − y", TextPrinter.print(add(X, mul(constant(-1), Y))));
        assertEquals("x − 2·y", TextPrinter.print(add(X, mul(constant(-2), Y))));
        assertEquals("−x", TextPrinter.print(neg(X)));
        assertEquals("−3", TextPrinter.print(constant(-3)));
    }

    @Test
    void reciprocalCoefficientsJoinTheDenominator() {
        assertEquals("1/(10·N)", TextPrinter.print(mul(constant(0.1), pow(N, -1))));
        assertEquals("0.25·x/N", TextPrinter.print(mul(constant(0.25), X, pow(N, -1))));
        assertEquals("0.3·x/N", TextPrinter.print(mul(constant(0.3), X, pow(N, -1))));
        assertEquals("0.1·x", TextPrinter.print(mul(constant(0.1), X)));
    }

    @Test
    void scalarTermsFollowArrayTerms() {
        Expr v = var("v");
        Expr eps = var("eps");
        PrintOptions layer = PrintOptions.elementwise(name -> name.equals("v"));
        assertEquals("√v + eps", TextPrinter.print(add(sqrt(v), eps), Function.identity(), layer));
        assertEquals("eps + √v", TextPrinter.print(add(sqrt(v), eps)));
        assertEquals("1 − v", TextPrinter.print(sub(ONE, v), Function.identity(), layer));
    }

    @Test
    void aCommonIntegerCoefficientIsFactoredOut() {
        assertEquals("2·(a − y)", TextPrinter.print(mul(constant(2), sub(A, Y))));
        assertEquals("2·(a − y)/N", TextPrinter.print(div(mul(constant(2), sub(A, Y)), N)));
        assertEquals("0.5·a − 0.5·y", TextPrinter.print(mul(constant(0.5), sub(A, Y))));
        assertEquals("−2·a − 2·y", TextPrinter.print(mul(constant(-2), add(A, Y))));
        assertEquals("2·a − 3·y", TextPrinter.print(sub(mul(constant(2), A), mul(constant(3), Y))));
    }

    @Test
    void parenthesesAreMinimal() {
        // a − (b − c) is canonicalised to a + c − b: the algebra removed the parentheses, the printer adds none
        assertEquals("a + c − b", TextPrinter.print(sub(A, sub(B, C))));
        assertEquals("(a + b)²", TextPrinter.print(pow(add(A, B), 2)));
        assertEquals("−x²", TextPrinter.print(neg(pow(X, 2))));
        assertEquals("1/(1 + e⁻ᶻ)", TextPrinter.print(div(ONE, add(ONE, exp(neg(Z))))));
        assertEquals("c·(a + b)", TextPrinter.print(mul(add(A, B), C)));
        assertEquals("a/(b·c)", TextPrinter.print(div(A, mul(B, C))));
        assertEquals("(a + b)/c", TextPrinter.print(div(add(A, B), C)));
        assertEquals("a·b/c", TextPrinter.print(div(mul(A, B), C)));
        assertEquals("−a/b", TextPrinter.print(neg(div(A, B))));
        assertEquals("1/x²", TextPrinter.print(pow(X, -2)));
        assertEquals("(x²)ʸ", TextPrinter.print(pow(pow(X, 2), Y)));
    }

    @Test
    void functionsReadLikeATextbook() {
        assertEquals("σ(z)", TextPrinter.print(sigmoid(Z)));
        assertEquals("1 − tanh(z)²", TextPrinter.print(sub(ONE, pow(tanh(Z), 2))));
        assertEquals("√x", TextPrinter.print(sqrt(X)));
        assertEquals("√(a + b)", TextPrinter.print(sqrt(add(A, B))));
        assertEquals("√x", TextPrinter.print(pow(X, 0.5)));
        assertEquals("1/√x", TextPrinter.print(pow(X, -0.5)));
        assertEquals("|x|", TextPrinter.print(abs(X)));
        assertEquals("log(1 + eˣ)", TextPrinter.print(log(add(ONE, exp(X)))));
        assertEquals("exp(a + b)", TextPrinter.print(exp(add(A, B))));
        assertEquals("max(x, 0)", TextPrinter.print(max(X, Exprs.ZERO)));
        assertEquals("softplus(x)", TextPrinter.print(Exprs.softplus(X)));
        assertEquals("erf(0.7071067811865475·x)", TextPrinter.print(Exprs.erf(div(X, constant(Math.sqrt(2))))));
    }

    @Test
    void algebraicFactorsPrecedeFunctionCalls() {
        Expr p = var("p");
        Expr bce = sub(neg(mul(Y, log(p))), mul(sub(ONE, Y), log(sub(ONE, p))));
        assertEquals("−y·log(p) − (1 − y)·log(1 − p)", TextPrinter.print(bce));
        assertEquals("σ(z)·(1 − σ(z))", TextPrinter.print(mul(sigmoid(Z), sub(ONE, sigmoid(Z)))));
        assertEquals("z·tanh(z)", TextPrinter.print(mul(tanh(Z), Z)));
    }

    @Test
    void conditionalsReadIfThenElse() {
        Expr relu = cond(compare(dev.nncompile.sym.Test.Rel.GT, Z, Exprs.ZERO), Z, Exprs.ZERO);
        assertEquals("if z > 0 then z else 0", TextPrinter.print(relu));
        Expr chain = cond(compare(dev.nncompile.sym.Test.Rel.LE, abs(Z), ONE), pow(Z, 2),
                cond(compare(dev.nncompile.sym.Test.Rel.GT, Z, ONE), Z, neg(Z)));
        assertEquals("if |z| ≤ 1 then z² else if z > 1 then z else −z", TextPrinter.print(chain));
        assertEquals("2·(if z > 0 then z else 0)", TextPrinter.print(mul(constant(2), relu)));
    }

    @Test
    void numbersAreExactAndShort() {
        assertEquals("0.5", TextPrinter.print(constant(0.5)));
        assertEquals("3", TextPrinter.print(constant(3.0)));
        assertEquals("784", TextPrinter.print(constant(784)));
        assertEquals("0.1", TextPrinter.print(constant(0.1)));
        assertEquals("0.001", TextPrinter.print(constant(1e-3)));
        assertEquals("10⁻⁸", TextPrinter.print(constant(1e-8)));
        assertEquals("2.5·10⁻⁸", TextPrinter.print(constant(2.5e-8)));
        assertEquals("10¹²", TextPrinter.print(constant(1e12)));
        assertEquals("0.999", TextPrinter.print(constant(0.999)));
        assertEquals("√x + 10⁻⁸", TextPrinter.print(add(sqrt(X), constant(1e-8))));
        assertEquals("1 + x", TextPrinter.print(add(X, ONE)));
        assertEquals("(2.5·10⁻⁸)ˣ", TextPrinter.print(pow(constant(2.5e-8), X)));
        assertEquals("0.9ᵗ", TextPrinter.print(pow(constant(0.9), var("t"))));
    }

    @Test
    void layerNamesWithIndicesAreFencedWhenRaised() {
        Function<String, String> naming = name -> Map.of("a", "a¹", "y", "y").getOrDefault(name, name);
        assertEquals("1 − (a¹)²", TextPrinter.print(sub(ONE, pow(A, 2)), naming));
    }

    @Test
    void elementwiseProductsUseHadamard() {
        Function<String, String> naming = name -> Map.of("a", "a²", "y", "y", "N", "N").get(name);
        PrintOptions layer = PrintOptions.elementwise(name -> !name.equals("N"));
        Expr delta = div(mul(sub(A, Y), A, sub(ONE, A)), N);
        assertEquals("a² ⊙ (1 − a²) ⊙ (a² − y)/N", TextPrinter.print(delta, naming, layer));
        assertEquals("(a² − y)/N", TextPrinter.print(div(sub(A, Y), N), naming, layer));
        assertEquals("(a² − y) ⊙ a² ⊙ (1 − a²)/N",
                TextPrinter.print(delta, naming, layer.leading(name -> name.equals("y"))));
        // scalars lead, so the scalar product never sits between two Hadamard factors
        Expr scaled = mul(var("eta"), A, Y);
        PrintOptions arrays = PrintOptions.elementwise(name -> name.equals("a") || name.equals("y"));
        assertEquals("η·a² ⊙ y", TextPrinter.print(scaled, n -> n.equals("eta") ? "η" : naming.apply(n), arrays));
    }

    @Test
    void printFactorFencesLooseOperands() {
        assertEquals("(1/N)", TextPrinter.printFactor(pow(N, -1), Function.identity(), PrintOptions.SCALAR));
        assertEquals("x²", TextPrinter.printFactor(pow(X, 2), Function.identity(), PrintOptions.SCALAR));
        assertEquals("(a − y)", TextPrinter.printFactor(sub(A, Y), Function.identity(), PrintOptions.SCALAR));
    }
}
