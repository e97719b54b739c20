package dev.nncompile.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nncompile.ast.AstPrinter;
import dev.nncompile.ast.BinaryOp;
import dev.nncompile.ast.Definition;
import dev.nncompile.ast.Expr;
import dev.nncompile.ast.ModelDecl;
import dev.nncompile.ast.SpecFile;
import dev.nncompile.ast.Statement;
import dev.nncompile.source.Diagnostic;
import dev.nncompile.source.DiagnosticCode;
import dev.nncompile.source.Diagnostics;
import dev.nncompile.source.SourceFile;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SpecParserTest {
    private static Diagnostics diagnostics;

    private static SpecFile parse(String text) {
        SourceFile file = new SourceFile("t.nn", text);
        diagnostics = new Diagnostics(file);
        return SpecParser.parse(file, diagnostics);
    }

    private static Expr formula(String body) {
        SpecFile f = parse("activation f(z) = " + body);
        assertEquals(List.of(), diagnostics.sorted());
        return ((Definition) f.items().get(0)).body();
    }

    @Test
    void unaryMinusBindsLooserThanPower() {
        Expr e = formula("-x^2");
        Expr.Neg neg = assertInstanceOf(Expr.Neg.class, e);
        assertEquals(BinaryOp.POW, assertInstanceOf(Expr.Binary.class, neg.operand()).op());
    }

    @Test
    void powerIsRightAssociativeAndTakesSignedExponents() {
        Expr.Binary outer = assertInstanceOf(Expr.Binary.class, formula("a^b^c"));
        assertInstanceOf(Expr.Ref.class, outer.left());
        assertEquals(BinaryOp.POW, assertInstanceOf(Expr.Binary.class, outer.right()).op());
        Expr.Binary signed = assertInstanceOf(Expr.Binary.class, formula("2^-x^2"));
        Expr.Neg exponent = assertInstanceOf(Expr.Neg.class, signed.right());
        assertEquals(BinaryOp.POW, assertInstanceOf(Expr.Binary.class, exponent.operand()).op());
        assertEquals("2^-x^2", AstPrinter.print(signed));
    }

    @Test
    void sumsAreLeftAssociative() {
        Expr.Binary e = assertInstanceOf(Expr.Binary.class, formula("a - b - c"));
        assertEquals(BinaryOp.SUB, e.op());
        assertEquals(BinaryOp.SUB, assertInstanceOf(Expr.Binary.class, e.left()).op());
        assertInstanceOf(Expr.Ref.class, e.right());
    }

    @Test
    void conditionsBindAsUsual() {
        Expr.If e = assertInstanceOf(Expr.If.class,
                formula("if not a < b and c > d or e == f then 1 else 2"));
        Expr.Logic or = assertInstanceOf(Expr.Logic.class, e.test());
        assertEquals(false, or.and());
        Expr.Logic and = assertInstanceOf(Expr.Logic.class, or.left());
        assertInstanceOf(Expr.Not.class, and.left());
    }

    @Test
    void scientificLiteralsKeepTheirText() {
        assertEquals("2.5E3", assertInstanceOf(Expr.Literal.class, formula("2.5E3")).text());
        assertEquals(".5", assertInstanceOf(Expr.Literal.class, formula(".5")).text());
    }

    @Test
    void aLayersOwnInitIsOnItsLineAndANewLineStartsTheModelsInit() {
        SpecFile f = parse("model M {\n input 2\n dense 3 relu init he\n dense 1 sigmoid\n init normal(0, 1)\n}");
        assertEquals(List.of(), diagnostics.sorted());
        List<Statement> s = ((ModelDecl) f.items().get(0)).statements();
        assertNotNull(((Statement.Dense) s.get(1)).init());
        assertNull(((Statement.Dense) s.get(2)).init());
        assertInstanceOf(Statement.Init.class, s.get(3));
    }

    @Test
    void commentsOfBothKindsAndCommasOrNewlinesInTrain() {
        SpecFile f = parse("# a\nmodel M { // b\n train { batch = 1, epochs = 2\n shuffle = false } }");
        assertEquals(List.of(), diagnostics.sorted());
        Statement.Train t = (Statement.Train) ((ModelDecl) f.items().get(0)).statements().get(0);
        assertEquals(3, t.items().size());
    }

    @Test
    void offsetsStayCharOffsetsAfterSupplementaryCharacters() {
        String text = "# \uD83D\uDE00\uD83D\uDE00\nmodel M { input 2 § }";
        parse(text);
        Diagnostic d = diagnostics.sorted().get(0);
        assertEquals(DiagnosticCode.NN001, d.code());
        assertEquals(text.indexOf('§'), d.span().start());
    }

    @Test
    void nestingAtTheLimitParsesOnASmallStack() throws InterruptedException {
        String deep = "(".repeat(Limits.MAX_NESTING) + "z" + ")".repeat(Limits.MAX_NESTING);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<List<Diagnostic>> found = new AtomicReference<>();
        // 512 KiB: half the usual default thread stack, so the bound holds with room to spare
        Thread t = new Thread(null, () -> {
            try {
                parse("activation f(z) = " + deep + "\n");
                found.set(diagnostics.sorted());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", 512 * 1024);
        t.start();
        t.join();
        assertNull(failure.get());
        assertEquals(List.of(), found.get());
        parse("activation f(z) = (" + deep + ")\n");
        assertEquals(DiagnosticCode.NN004, diagnostics.sorted().get(0).code());
    }

    @Test
    void hostileInputEndsQuickly() {
        long start = System.nanoTime();
        parse("model M { " + "dense ( ".repeat(100_000) + "}");
        parse("(".repeat(Limits.MAX_CHARS - 10));
        parse("a+".repeat(Limits.MAX_CHARS / 2 - 10));
        parse("x".repeat(Limits.MAX_CHARS));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 20_000, "took " + millis + " ms");
    }
}
