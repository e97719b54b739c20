package dev.nncompile.sym;

import dev.nncompile.sym.Layout.Precedence;
import java.util.function.Function;

/**
 * Prints an {@link Expr} as MathML Core presentation markup ({@code <mrow>}, {@code <mi>}, {@code <mn>}, {@code <mo>},
 * {@code <mfrac>}, {@code <msup>}, {@code <msqrt>}, {@code <mtable>} for {@code if}), which browsers render without
 * script since Chrome 109. The result is the content of a {@code <math>} element: one element, well-formed XML,
 * with {@code <}, {@code >} and {@code &} escaped.
 *
 * <pre>{@code
 * MathMlPrinter.print(Exprs.sigmoid(Exprs.var("z")));
 * // <mrow><mi>σ</mi><mo>&#x2061;</mo><mrow><mo>(</mo><mi>z</mi><mo>)</mo></mrow></mrow>
 * }</pre>
 *
 * <p>The naming function returns markup, one element per variable (default {@link #identifier}); a shown name that
 * is a script or fraction ({@code <msup>}, {@code <mfrac>}) is parenthesised when raised to a power.
 */
public final class MathMlPrinter {
    /** U+2061 FUNCTION APPLICATION, as MathML asks between a function name and its argument. */
    private static final String APPLY = "<mo>&#x2061;</mo>";

    private MathMlPrinter() {}

    /** Variables print as {@code <mi>name</mi>}. */
    public static String print(Expr e) {
        return print(e, MathMlPrinter::identifier);
    }

    public static String print(Expr e, Function<String, String> naming) {
        return print(e, naming, PrintOptions.SCALAR);
    }

    public static String print(Expr e, Function<String, String> naming, PrintOptions options) {
        return new MathMlPrinter().render(new LayoutBuilder(naming, options).build(e));
    }

    /** Prints {@code e} as an operand of a product: parenthesised unless it binds at least as tightly as a factor. */
    public static String printFactor(Expr e, Function<String, String> naming, PrintOptions options) {
        Layout l = new LayoutBuilder(naming, options).build(e);
        return new MathMlPrinter().render(l.precedence().looserThan(Precedence.POWER)
                && !(l instanceof Layout.Fraction) ? new Layout.Fenced(l) : l);
    }

    /** Prints {@code e} as the operand of a big operator (∑): parenthesised only when it is a sum. */
    public static String printSummand(Expr e, Function<String, String> naming, PrintOptions options) {
        return new MathMlPrinter().render(LayoutBuilder.fenced(new LayoutBuilder(naming, options).build(e),
                Precedence.PRODUCT));
    }

    public static String print(Test t, Function<String, String> naming) {
        return new MathMlPrinter().condition(new LayoutBuilder(naming, PrintOptions.SCALAR).condition(t));
    }

    /** {@code <mi>name</mi>}, escaped. */
    public static String identifier(String name) {
        return "<mi>" + escape(name) + "</mi>";
    }

    /** Escapes text for XML element content and attribute values. */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String mo(String operator) {
        return "<mo>" + escape(operator) + "</mo>";
    }

    private static String row(String content) {
        return "<mrow>" + content + "</mrow>";
    }

    private String render(Layout l) {
        if (l instanceof Layout.Name n) {
            return n.shown();
        }
        if (l instanceof Layout.Number n) {
            return number(n.decimal());
        }
        if (l instanceof Layout.Sum s) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < s.terms().size(); i++) {
                boolean minus = s.negated().get(i);
                if (minus || i > 0) {
                    out.append(mo(minus ? "−" : "+"));
                }
                out.append(render(s.terms().get(i)));
            }
            return row(out.toString());
        }
        if (l instanceof Layout.Negation n) {
            return row(mo("−") + render(n.operand()));
        }
        if (l instanceof Layout.Product p) {
            StringBuilder out = new StringBuilder(render(p.factors().get(0)));
            for (int i = 1; i < p.factors().size(); i++) {
                out.append(mo(p.hadamard().get(i) ? "⊙" : "⋅")).append(render(p.factors().get(i)));
            }
            return row(out.toString());
        }
        if (l instanceof Layout.Fraction f) {
            return "<mfrac>" + render(f.numerator()) + render(f.denominator()) + "</mfrac>";
        }
        if (l instanceof Layout.Power p) {
            return "<msup>" + base(p.base()) + render(p.exponent()) + "</msup>";
        }
        if (l instanceof Layout.Root r) {
            return "<msqrt>" + render(r.radicand()) + "</msqrt>";
        }
        if (l instanceof Layout.Exponential e) {
            return "<msup><mi>e</mi>" + render(e.exponent()) + "</msup>";
        }
        if (l instanceof Layout.Magnitude m) {
            return row(mo("|") + render(m.operand()) + mo("|"));
        }
        if (l instanceof Layout.Application a) {
            StringBuilder args = new StringBuilder(mo("("));
            for (int i = 0; i < a.args().size(); i++) {
                args.append(i == 0 ? "" : mo(",")).append(render(a.args().get(i)));
            }
            args.append(mo(")"));
            return row(identifier(TextPrinter.functionName(a.fn())) + APPLY + row(args.toString()));
        }
        if (l instanceof Layout.Fenced f) {
            return fence(render(f.inner()));
        }
        Layout.Cases c = (Layout.Cases) l;
        StringBuilder out = new StringBuilder(mo("{")).append("<mtable>");
        for (Layout.Branch b : c.branches()) {
            out.append("<mtr><mtd>").append(render(b.value())).append("</mtd><mtd>")
                    .append(row("<mtext>if&#xA0;</mtext>" + condition(b.test()))).append("</mtd></mtr>");
        }
        out.append("<mtr><mtd>").append(render(c.otherwise())).append("</mtd><mtd><mtext>otherwise</mtext></mtd></mtr>");
        return row(out.append("</mtable>").toString());
    }

    private static String fence(String inner) {
        return row(mo("(") + inner + mo(")"));
    }

    private String base(Layout base) {
        if (base instanceof Layout.Name n && !n.shown().startsWith("<mi") && !n.shown().startsWith("<mn")) {
            return fence(n.shown());
        }
        return render(base);
    }

    private String condition(Layout.Condition c) {
        if (c instanceof Layout.Relation r) {
            return row(render(r.left()) + mo(TextPrinter.relation(r.rel())) + render(r.right()));
        }
        if (c instanceof Layout.Junction j) {
            return row(side(j.left(), j.and()) + mo(j.and() ? "∧" : "∨") + side(j.right(), j.and()));
        }
        Layout.Condition negated = ((Layout.Negated) c).test();
        return row(mo("¬") + (negated instanceof Layout.Junction ? fence(condition(negated)) : condition(negated)));
    }

    private String side(Layout.Condition side, boolean and) {
        boolean fence = side instanceof Layout.Junction j && j.and() != and;
        return fence ? fence(condition(side)) : condition(side);
    }

    private static String number(Decimal d) {
        if (d.mantissa().equals("∞") || d.mantissa().equals("NaN")) {
            return identifier(d.mantissa());
        }
        if (!d.isScientific()) {
            return "<mn>" + d.mantissa() + "</mn>";
        }
        String exponent = d.exponent() < 0 ? row(mo("−") + "<mn>" + -d.exponent() + "</mn>")
                : "<mn>" + d.exponent() + "</mn>";
        String power = "<msup><mn>10</mn>" + exponent + "</msup>";
        return d.mantissa().equals("1") ? power : row("<mn>" + d.mantissa() + "</mn>" + mo("⋅") + power);
    }
}
