package dev.nncompile.sym;

import dev.nncompile.sym.Layout.Precedence;
import java.util.function.Function;

/**
 * Prints an {@link Expr} as LaTeX math (amsmath): {@code \sigma(z)}, {@code \frac{a - y}{N}}, {@code a \odot (1 - a)},
 * {@code \sqrt{v}}, {@code \left|x\right|}, {@code \operatorname{softplus}(x)}, {@code e^{-z}}, and a
 * {@code cases} environment for {@code if}. The same {@link Layout} as {@link TextPrinter}, so the two agree.
 *
 * <pre>{@code
 * LatexPrinter.print(Exprs.div(Exprs.ONE, Exprs.add(Exprs.ONE, Exprs.exp(Exprs.neg(Exprs.var("z"))))));
 * // \frac{1}{1 + e^{-z}}
 * }</pre>
 *
 * <p>The naming function returns LaTeX ({@code "a" → "a^{1}"}). A shown name containing a superscript or a fraction
 * is parenthesised when raised to a power, {@code \left(a^{1}\right)^{2}}, which also avoids TeX's
 * "double superscript" error.
 */
public final class LatexPrinter {
    private LatexPrinter() {}

    public static String print(Expr e) {
        return print(e, Function.identity());
    }

    public static String print(Expr e, Function<String, String> naming) {
        return print(e, naming, PrintOptions.SCALAR);
    }

    public static String print(Expr e, Function<String, String> naming, PrintOptions options) {
        LatexPrinter p = new LatexPrinter();
        return p.render(new LayoutBuilder(naming, options).build(e));
    }

    /** Prints {@code e} as an operand of a product: parenthesised unless it binds at least as tightly as a factor. */
    public static String printFactor(Expr e, Function<String, String> naming, PrintOptions options) {
        LatexPrinter p = new LatexPrinter();
        Layout l = new LayoutBuilder(naming, options).build(e);
        return p.render(l.precedence().looserThan(Precedence.POWER) && !(l instanceof Layout.Fraction)
                ? new Layout.Fenced(l) : l);
    }

    /** Prints {@code e} as the operand of a big operator ({@code \\sum}): parenthesised only when it is a sum. */
    public static String printSummand(Expr e, Function<String, String> naming, PrintOptions options) {
        return new LatexPrinter().render(LayoutBuilder.fenced(new LayoutBuilder(naming, options).build(e),
                Precedence.PRODUCT));
    }

    public static String print(Test t, Function<String, String> naming) {
        LatexPrinter p = new LatexPrinter();
        return p.condition(new LayoutBuilder(naming, PrintOptions.SCALAR).condition(t));
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
                if (i == 0) {
                    out.append(minus ? "-" : "");
                } else {
                    out.append(minus ? " - " : " + ");
                }
                out.append(render(s.terms().get(i)));
            }
            return out.toString();
        }
        if (l instanceof Layout.Negation n) {
            return "-" + render(n.operand());
        }
        if (l instanceof Layout.Product p) {
            StringBuilder out = new StringBuilder(render(p.factors().get(0)));
            for (int i = 1; i < p.factors().size(); i++) {
                out.append(p.hadamard().get(i) ? " \\odot " : " \\cdot ").append(render(p.factors().get(i)));
            }
            return out.toString();
        }
        if (l instanceof Layout.Fraction f) {
            return "\\frac{" + render(f.numerator()) + "}{" + render(f.denominator()) + "}";
        }
        if (l instanceof Layout.Power p) {
            return base(p.base()) + "^{" + render(p.exponent()) + "}";
        }
        if (l instanceof Layout.Root r) {
            return "\\sqrt{" + render(r.radicand()) + "}";
        }
        if (l instanceof Layout.Exponential e) {
            return "e^{" + render(e.exponent()) + "}";
        }
        if (l instanceof Layout.Magnitude m) {
            return "\\left|" + render(m.operand()) + "\\right|";
        }
        if (l instanceof Layout.Application a) {
            StringBuilder args = new StringBuilder();
            for (int i = 0; i < a.args().size(); i++) {
                args.append(i == 0 ? "" : ", ").append(render(a.args().get(i)));
            }
            return functionName(a.fn()) + fence(args.toString());
        }
        if (l instanceof Layout.Fenced f) {
            return fence(render(f.inner()));
        }
        Layout.Cases c = (Layout.Cases) l;
        StringBuilder out = new StringBuilder("\\begin{cases} ");
        for (Layout.Branch b : c.branches()) {
            out.append(render(b.value())).append(" & \\text{if } ").append(condition(b.test())).append(" \\\\ ");
        }
        return out.append(render(c.otherwise())).append(" & \\text{otherwise} \\end{cases}").toString();
    }

    /** Parentheses, stretched (\left( \right)) only around something tall, so inline formulas stay compact. */
    private static String fence(String inner) {
        boolean tall = inner.contains("\\frac") || inner.contains("\\begin") || inner.contains("\\sum");
        return tall ? "\\left(" + inner + "\\right)" : "(" + inner + ")";
    }

    private String base(Layout base) {
        if (base instanceof Layout.Name n && (n.shown().contains("^") || n.shown().contains("\\frac"))) {
            return fence(n.shown());
        }
        return render(base);
    }

    private String condition(Layout.Condition c) {
        if (c instanceof Layout.Relation r) {
            return render(r.left()) + " " + relation(r.rel()) + " " + render(r.right());
        }
        if (c instanceof Layout.Junction j) {
            return side(j.left(), j.and()) + (j.and() ? " \\land " : " \\lor ") + side(j.right(), j.and());
        }
        Layout.Condition negated = ((Layout.Negated) c).test();
        return "\\lnot " + (negated instanceof Layout.Junction ? "(" + condition(negated) + ")" : condition(negated));
    }

    private String side(Layout.Condition side, boolean and) {
        boolean fence = side instanceof Layout.Junction j && j.and() != and;
        return fence ? "(" + condition(side) + ")" : condition(side);
    }

    private static String relation(Test.Rel rel) {
        return switch (rel) {
            case LT -> "<";
            case LE -> "\\le";
            case GT -> ">";
            case GE -> "\\ge";
            case EQ -> "=";
            case NE -> "\\ne";
        };
    }

    private static String functionName(Fn fn) {
        return switch (fn) {
            case SIGMOID -> "\\sigma";
            case TANH -> "\\tanh";
            case LOG -> "\\log";
            case SIN -> "\\sin";
            case COS -> "\\cos";
            case MIN -> "\\min";
            case MAX -> "\\max";
            case EXP -> "\\exp";
            case SQRT -> "\\operatorname{sqrt}";
            case ABS -> "\\operatorname{abs}";
            case SIGN -> "\\operatorname{sgn}";
            case SOFTPLUS -> "\\operatorname{softplus}";
            case ERF -> "\\operatorname{erf}";
        };
    }

    private static String number(Decimal d) {
        if (!d.isScientific()) {
            return d.mantissa().equals("∞") ? "\\infty" : d.mantissa().equals("NaN") ? "\\mathrm{NaN}" : d.mantissa();
        }
        String power = "10^{" + d.exponent() + "}";
        return d.mantissa().equals("1") ? power : d.mantissa() + " \\cdot " + power;
    }
}
