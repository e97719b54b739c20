package dev.nncompile.sym;

import static dev.nncompile.sym.Exprs.ONE;
import static dev.nncompile.sym.Exprs.abs;
import static dev.nncompile.sym.Exprs.add;
import static dev.nncompile.sym.Exprs.compare;
import static dev.nncompile.sym.Exprs.cond;
import static dev.nncompile.sym.Exprs.constant;
import static dev.nncompile.sym.Exprs.div;
import static dev.nncompile.sym.Exprs.exp;
import static dev.nncompile.sym.Exprs.mul;
import static dev.nncompile.sym.Exprs.neg;
import static dev.nncompile.sym.Exprs.pow;
import static dev.nncompile.sym.Exprs.sigmoid;
import static dev.nncompile.sym.Exprs.sqrt;
import static dev.nncompile.sym.Exprs.sub;
import static dev.nncompile.sym.Exprs.var;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class LatexPrinterTest {
    private static final Expr A = var("a");
    private static final Expr B = var("b");
    private static final Expr X = var("x");
    private static final Expr Y = var("y");
    private static final Expr Z = var("z");

    @Test
    void structure() {
        assertEquals("\\sigma(z)", LatexPrinter.print(sigmoid(Z)));
        assertEquals("\\frac{1}{1 + e^{-z}}", LatexPrinter.print(div(ONE, add(ONE, exp(neg(Z))))));
        assertEquals("a \\cdot (1 - a)", LatexPrinter.print(mul(A, sub(ONE, A))));
        assertEquals("(a + b)^{2}", LatexPrinter.print(pow(add(A, B), 2)));
        assertEquals("-x^{2}", LatexPrinter.print(neg(pow(X, 2))));
        assertEquals("\\sqrt{a + b}", LatexPrinter.print(sqrt(add(A, B))));
        assertEquals("\\left|x\\right|", LatexPrinter.print(abs(X)));
        assertEquals("\\operatorname{softplus}(x)", LatexPrinter.print(Exprs.softplus(X)));
        assertEquals("\\operatorname{erf}(x)", LatexPrinter.print(Exprs.erf(X)));
        assertEquals("\\frac{a - y}{N}", LatexPrinter.print(div(sub(A, Y), var("N"))));
        assertEquals("\\left(\\frac{a}{b}\\right)^{x}", LatexPrinter.print(pow(div(A, B), X)));
    }

    @Test
    void numbers() {
        assertEquals("10^{-8}", LatexPrinter.print(constant(1e-8)));
        assertEquals("2.5 \\cdot 10^{-8}", LatexPrinter.print(constant(2.5e-8)));
        assertEquals("0.5 \\cdot x", LatexPrinter.print(mul(constant(0.5), X)));
    }

    @Test
    void casesEnvironment() {
        Expr leaky = cond(compare(dev.nncompile.sym.Test.Rel.GT, Z, Exprs.ZERO), Z, mul(constant(0.01), Z));
        assertEquals("\\begin{cases} z & \\text{if } z > 0 \\\\ 0.01 \\cdot z & \\text{otherwise} \\end{cases}",
                LatexPrinter.print(leaky));
        assertEquals("x \\le 1 \\land \\lnot (x > 0 \\lor x < -1)", LatexPrinter.print(
                Exprs.and(compare(dev.nncompile.sym.Test.Rel.LE, X, ONE),
                        Exprs.not(Exprs.or(compare(dev.nncompile.sym.Test.Rel.GT, X, Exprs.ZERO),
                                compare(dev.nncompile.sym.Test.Rel.LT, X, constant(-1))))),
                Function.identity()));
    }

    @Test
    void layerNamesAvoidDoubleSuperscripts() {
        Function<String, String> naming = name -> Map.of("a", "a^{1}").getOrDefault(name, name);
        PrintOptions layer = PrintOptions.elementwise(name -> name.equals("a"));
        assertEquals("(a^{1})^{2}", LatexPrinter.print(pow(A, 2), naming));
        assertEquals("a^{1} \\odot (1 - a^{1})", LatexPrinter.print(mul(A, sub(ONE, A)), naming, layer));
    }
}
