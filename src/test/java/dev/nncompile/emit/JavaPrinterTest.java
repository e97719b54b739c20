package dev.nncompile.emit;

import static dev.nncompile.sym.Exprs.ONE;
import static dev.nncompile.sym.Exprs.add;
import static dev.nncompile.sym.Exprs.constant;
import static dev.nncompile.sym.Exprs.div;
import static dev.nncompile.sym.Exprs.mul;
import static dev.nncompile.sym.Exprs.neg;
import static dev.nncompile.sym.Exprs.pow;
import static dev.nncompile.sym.Exprs.sub;
import static dev.nncompile.sym.Exprs.var;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.nncompile.sym.Add;
import dev.nncompile.sym.Const;
import dev.nncompile.sym.Expr;
import dev.nncompile.sym.Exprs;
import dev.nncompile.sym.Fn;
import dev.nncompile.sym.JavaPrinter;
import dev.nncompile.sym.Mul;
import dev.nncompile.sym.Pow;
import dev.nncompile.sym.Test;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Assertions;

/** Precedence, literals and the special forms of sym.JavaPrinter. */
class JavaPrinterTest {
    private static final JavaPrinter FLOAT = new JavaPrinter(JavaPrinter.Type.FLOAT);
    private static final JavaPrinter DOUBLE = new JavaPrinter(JavaPrinter.Type.DOUBLE);
    private static final Function<String, String> SAME = v -> v;
    private static final Expr A = var("a");
    private static final Expr B = var("b");
    private static final Expr C = var("c");

    @org.junit.jupiter.api.Test
    void minimalParenthesesThatKeepTheMeaning() {
        assertEquals("a * (1.0f - a)", FLOAT.print(mul(A, sub(ONE, A)), SAME));
        assertEquals("a + b * c", DOUBLE.print(add(A, mul(B, C)), SAME));
        assertEquals("(a + b) * c", DOUBLE.print(new Mul(List.of(add(A, B), C)), SAME));
        assertEquals("c * (a + b)", DOUBLE.print(mul(add(A, B), C), SAME));
        assertEquals("a - (b + c)", DOUBLE.print(new Add(List.of(A, new Mul(List.of(constant(-1), add(B, C))))),
                SAME));
        assertEquals("a / b / c", DOUBLE.print(div(A, mul(B, C)), SAME));
        assertEquals("a / (b * c)", DOUBLE.print(new Mul(List.of(A, new Pow(new Mul(List.of(B, C)), constant(-1)))),
                SAME));
        assertEquals("a / b / c", DOUBLE.print(new Mul(List.of(A, pow(B, -1), pow(C, -1))), SAME));
        assertEquals("-a", DOUBLE.print(neg(A), SAME));
        assertEquals("-(a + b)", DOUBLE.print(new Mul(List.of(constant(-1), add(A, B))), SAME));
        assertEquals("-2.0 * a * b", DOUBLE.print(mul(constant(-2), A, B), SAME));
    }

    @org.junit.jupiter.api.Test
    void neverPrintsDecrement() {
        Expr minusMinus = new Mul(List.of(constant(-1), new Mul(List.of(constant(-1), A))));
        String text = DOUBLE.print(minusMinus, SAME);
        assertFalse(text.contains("--"), text);
        assertEquals("-(-a)", text);
        assertEquals("2.0", DOUBLE.print(new Mul(List.of(constant(-1), constant(-2))), SAME));   // folded
        assertFalse(DOUBLE.print(new Add(List.of(A, constant(-1))), SAME).contains("+ -"));
        assertEquals("a - 1.0", DOUBLE.print(new Add(List.of(A, constant(-1))), SAME));
    }

    @org.junit.jupiter.api.Test
    void powersBecomeProductsDivisionsAndRoots() {
        assertEquals("a * a", DOUBLE.print(pow(A, 2), SAME));
        assertEquals("a * a * a", DOUBLE.print(pow(A, 3), SAME));
        assertEquals("(a + b) * (a + b)", DOUBLE.print(pow(add(A, B), 2), SAME));
        assertEquals("1.0 / a", DOUBLE.print(pow(A, -1), SAME));
        assertEquals("1.0f / (a * a)", FLOAT.print(pow(A, -2), SAME));
        assertEquals("(float) Math.sqrt(a)", FLOAT.print(pow(A, 0.5), SAME));
        assertEquals("Math.pow(a, 1.5)", DOUBLE.print(pow(A, 1.5), SAME));
        assertEquals("(float) Math.pow(0.9f, t)", FLOAT.print(pow(constant(0.9), var("t")), SAME));
    }

    @org.junit.jupiter.api.Test
    void aSymbolicRootIsPrintedAsItsValue() {
        Expr root2 = Exprs.sqrt(Exprs.TWO);
        assertEquals("a / 1.4142135623730951", DOUBLE.print(div(A, root2), SAME));
        assertEquals("a / 1.4142135f", FLOAT.print(div(A, root2), SAME));
        assertEquals("0.7071067811865475", DOUBLE.print(pow(root2, -1), SAME));
        assertEquals("a + 4.242640687119286", DOUBLE.print(add(A, mul(constant(3), root2)), SAME));
    }

    @org.junit.jupiter.api.Test
    void callsConditionsAndHelpers() {
        Expr relu = Exprs.cond(Exprs.compare(Test.Rel.GT, A, Exprs.ZERO), A, Exprs.ZERO);
        assertEquals("(a > 0.0f ? a : 0.0f)", FLOAT.print(relu, SAME));
        assertEquals("2.0 * (a > 0.0 ? a : 0.0)", DOUBLE.print(mul(Exprs.TWO, relu), SAME));
        assertEquals("(float) Math.exp(-a)", FLOAT.print(Exprs.exp(neg(A)), SAME));
        assertEquals("Math.max(a, b)", FLOAT.print(Exprs.max(A, B), SAME));
        assertEquals("Math.signum(a)", FLOAT.print(Exprs.sign(A), SAME));
        assertEquals("(float) sigmoid(a)", FLOAT.print(Exprs.sigmoid(A), SAME));
        assertEquals("softplus(a) * erf(b)", DOUBLE.print(mul(Exprs.softplus(A), Exprs.erf(B)), SAME));
        assertEquals("(float) tanh(a)", FLOAT.print(Exprs.tanh(A), SAME));
        assertEquals(Set.of(Fn.TANH, Fn.SIGMOID, Fn.ERF),
                JavaPrinter.helpersNeeded(add(Exprs.sigmoid(A), Exprs.tanh(Exprs.erf(B)))));
        assertEquals(Set.of(), JavaPrinter.helpersNeeded(Exprs.exp(Exprs.max(A, B))));
        Test both = Exprs.and(Exprs.or(Exprs.compare(Test.Rel.LT, A, B), Exprs.compare(Test.Rel.EQ, A, C)),
                Exprs.not(Exprs.compare(Test.Rel.GE, B, C)));
        assertEquals("(a < b || a == c) && !(b >= c)", DOUBLE.print(both, SAME));
        assertEquals("x[j] * (1.0 - x[j])", DOUBLE.print(mul(A, sub(ONE, A)), v -> "x[j]"));
    }

    @org.junit.jupiter.api.Test
    void literalsRoundTripExactly() {
        assertEquals("0.1f", FLOAT.literal(0.1));
        assertEquals("0.1", DOUBLE.literal(0.1));
        assertEquals("1.0E-8", DOUBLE.literal(1e-8));
        assertEquals("1.0E-8f", FLOAT.literal(1e-8));
        assertEquals("3.0", DOUBLE.literal(3));
        assertEquals("1.0E20", DOUBLE.literal(1e20));
        assertEquals("-0.5", DOUBLE.literal(-0.5));
        assertEquals("Float.NaN", FLOAT.literal(Double.NaN));
        assertEquals("Double.NEGATIVE_INFINITY", DOUBLE.literal(Double.NEGATIVE_INFINITY));
        assertEquals("Float.POSITIVE_INFINITY", FLOAT.literal(1e300));
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 2000; i++) {
            double v = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(v)) {
                continue;
            }
            assertEquals(v, Double.parseDouble(DOUBLE.literal(v)), DOUBLE.literal(v));
            float f = (float) v;
            if (Float.isFinite(f)) {
                String text = FLOAT.literal(v);
                Assertions.assertTrue(text.endsWith("f"), text);
                assertEquals(f, Float.parseFloat(text), text);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void negativeConstantFirstTermKeepsItsSign() {
        Expr e = new Add(List.of(new Const(-1.5), A));
        assertEquals("-1.5 + a", DOUBLE.print(e, SAME));
    }
}
