package dev.nncompile.sym;

import static dev.nncompile.sym.Exprs.ONE;
import static dev.nncompile.sym.Exprs.add;
import static dev.nncompile.sym.Exprs.compare;
import static dev.nncompile.sym.Exprs.cond;
import static dev.nncompile.sym.Exprs.constant;
import static dev.nncompile.sym.Exprs.div;
import static dev.nncompile.sym.Exprs.exp;
import static dev.nncompile.sym.Exprs.mul;
import static dev.nncompile.sym.Exprs.neg;
import static dev.nncompile.sym.Exprs.pow;
import static dev.nncompile.sym.Exprs.sqrt;
import static dev.nncompile.sym.Exprs.sub;
import static dev.nncompile.sym.Exprs.var;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

class MathMlPrinterTest {
    private static final Expr A = var("a");
    private static final Expr Z = var("z");

    @Test
    void structure() {
        assertEquals("<mfrac><mn>1</mn><mrow><mn>1</mn><mo>+</mo><msup><mi>e</mi><mrow><mo>−</mo><mi>z</mi></mrow>"
                + "</msup></mrow></mfrac>", MathMlPrinter.print(div(ONE, add(ONE, exp(neg(Z))))));
        assertEquals("<mrow><mi>a</mi><mo>⋅</mo><mrow><mo>(</mo><mrow><mn>1</mn><mo>−</mo><mi>a</mi></mrow><mo>)</mo>"
                + "</mrow></mrow>", MathMlPrinter.print(mul(A, sub(ONE, A))));
        assertEquals("<msqrt><mi>a</mi></msqrt>", MathMlPrinter.print(sqrt(A)));
        assertEquals("<msup><mn>10</mn><mrow><mo>−</mo><mn>8</mn></mrow></msup>",
                MathMlPrinter.print(constant(1e-8)));
    }

    @Test
    void escapesMarkupAndStaysWellFormed() throws Exception {
        Expr e = cond(compare(dev.nncompile.sym.Test.Rel.LT, Z, ONE), pow(Z, 2), Exprs.ZERO);
        String markup = MathMlPrinter.print(e, name -> MathMlPrinter.identifier(name.equals("z") ? "z<&>" : name));
        String doc = "<math xmlns=\"http://www.w3.org/1998/Math/MathML\">" + markup + "</math>";
        var parsed = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)));
        assertNotNull(parsed.getDocumentElement());
        assertEquals(true, markup.contains("<mo>&lt;</mo>"));
        assertEquals(true, markup.contains("<mi>z&lt;&amp;&gt;</mi>"));
    }

    @Test
    void scriptedNamesAreFencedWhenRaised() {
        String a1 = "<msup><mi>a</mi><mn>1</mn></msup>";
        assertEquals("<msup><mrow><mo>(</mo>" + a1 + "<mo>)</mo></mrow><mn>2</mn></msup>",
                MathMlPrinter.print(pow(A, 2), name -> a1));
    }
}
