package dev.nncompile.ast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.nncompile.source.SourceSpan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-built trees have no Paren nodes: the printer must add exactly the parentheses precedence needs. */
class AstPrinterTest {
    private static final SourceSpan S = SourceSpan.NONE;

    private static Expr ref(String n) {
        return new Expr.Ref(n, S);
    }

    private static Expr bin(BinaryOp op, Expr l, Expr r) {
        return new Expr.Binary(op, l, r, S);
    }

    @Test
    void addsParenthesesOnlyWherePrecedenceNeedsThem() {
        Expr a = ref("a");
        Expr b = ref("b");
        Expr c = ref("c");
        assertEquals("(a + b) * c", AstPrinter.print(bin(BinaryOp.MUL, bin(BinaryOp.ADD, a, b), c)));
        assertEquals("a + b * c", AstPrinter.print(bin(BinaryOp.ADD, a, bin(BinaryOp.MUL, b, c))));
        assertEquals("a - (b - c)", AstPrinter.print(bin(BinaryOp.SUB, a, bin(BinaryOp.SUB, b, c))));
        assertEquals("a - b - c", AstPrinter.print(bin(BinaryOp.SUB, bin(BinaryOp.SUB, a, b), c)));
        assertEquals("(a^b)^c", AstPrinter.print(bin(BinaryOp.POW, bin(BinaryOp.POW, a, b), c)));
        assertEquals("a^b^c", AstPrinter.print(bin(BinaryOp.POW, a, bin(BinaryOp.POW, b, c))));
        assertEquals("-(a + b)", AstPrinter.print(new Expr.Neg(bin(BinaryOp.ADD, a, b), S)));
        assertEquals("-a^2", AstPrinter.print(new Expr.Neg(bin(BinaryOp.POW, a, new Expr.Literal("2", S)), S)));
        assertEquals("(-a)^2", AstPrinter.print(bin(BinaryOp.POW, new Expr.Neg(a, S), new Expr.Literal("2", S))));
        Expr test = new Expr.Compare(CompareOp.GT, a, new Expr.Literal("0", S), S);
        Expr cond = new Expr.If(test, a, b, S);
        assertEquals("(if a > 0 then a else b) + c", AstPrinter.print(bin(BinaryOp.ADD, cond, c)));
        assertEquals("not (a > 0 and b > 0)", AstPrinter.print(new Expr.Not(new Expr.Logic(true, test,
                new Expr.Compare(CompareOp.GT, b, new Expr.Literal("0", S), S), S), S)));
    }

    @Test
    void printsCallsWithNamedArguments() {
        Expr call = new Expr.Call(new Name("leaky_relu", S), List.of(new Arg(null, ref("z"), S),
                new Arg(new Name("alpha", S), new Expr.Literal("0.2", S), S)), S);
        assertEquals("leaky_relu(z, alpha = 0.2)", AstPrinter.print(call));
    }

    @Test
    void spanInsensitiveEqualityFindsRealDifferences() {
        Expr a = new Expr.Ref("a", new SourceSpan(0, 1));
        assertNull(AstEquality.difference(a, new Expr.Ref("a", new SourceSpan(5, 6))));
        assertNotNull(AstEquality.difference(a, new Expr.Ref("b", new SourceSpan(0, 1))));
        assertNotNull(AstEquality.difference(a, new Expr.Paren(a, S)));
    }
}
