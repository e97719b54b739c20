package dev.nncompile.sym;

import dev.nncompile.sym.Layout.Precedence;
import java.util.function.Function;

/**
 * Prints an {@link Expr} as Unicode text the way a textbook writes it: {@code σ(z)}, {@code a·(1 − a)},
 * {@code (a − y)²/N}, {@code 1/(1 + e⁻ᶻ)}, {@code √v̂ + ε}, {@code |x|}, {@code if z > 0 then z else 0}.
 * Constants print as the shortest decimal that reads back exactly, tiny and huge ones as powers of ten
 * ({@code 10⁻⁸}, {@code 2.5·10⁻⁸}).
 *
 * <pre>{@code
 * Expr a = Exprs.var("a");
 * TextPrinter.print(Exprs.mul(a, Exprs.sub(Exprs.ONE, a)));                          // a·(1 − a)
 * TextPrinter.print(expr, name -> name.equals("a") ? "a¹" : name,
 *         PrintOptions.elementwise(name -> !name.equals("N")));                        // a¹ ⊙ (1 − a¹)
 * }</pre>
 *
 * <p>The naming function returns the text a variable is shown as. A shown name that already carries a raised
 * character (a layer index, {@code a¹}) is parenthesised when raised to a power: {@code (a¹)²}; one that is itself
 * a quotient ({@code ∂C/∂W¹}) also inside a fraction: {@code (∂C/∂W¹)/N}.
 */
public final class TextPrinter {
    private final Function<String, String> naming;
    private final PrintOptions options;
    private int fractionDepth;

    private TextPrinter(Function<String, String> naming, PrintOptions options) {
        this.naming = naming;
        this.options = options;
    }

    /** Variables print as their names; products with ·. */
    public static String print(Expr e) {
        return print(e, Function.identity());
    }

    public static String print(Expr e, Function<String, String> naming) {
        return print(e, naming, PrintOptions.SCALAR);
    }

    public static String print(Expr e, Function<String, String> naming, PrintOptions options) {
        TextPrinter p = new TextPrinter(naming, options);
        return p.render(p.builder().build(e));
    }

    /**
     * Prints {@code e} as an operand of a product: parenthesised unless it binds at least as tightly as a factor
     * (so {@code (1/N) Σ …} and {@code 3·x} both read right).
     */
    public static String printFactor(Expr e, Function<String, String> naming, PrintOptions options) {
        TextPrinter p = new TextPrinter(naming, options);
        Layout l = p.builder().build(e);
        return p.render(l.precedence().looserThan(Precedence.POWER) ? new Layout.Fenced(l) : l);
    }

    /** Prints {@code e} as the operand of a big operator, Σₙₖ ½·(a − y)²: parenthesised only when it is a sum. */
    public static String printSummand(Expr e, Function<String, String> naming, PrintOptions options) {
        TextPrinter p = new TextPrinter(naming, options);
        return p.render(LayoutBuilder.fenced(p.builder().build(e), Precedence.PRODUCT));
    }

    /** Prints a condition: {@code z > 0 and z < 1}. */
    public static String print(Test t, Function<String, String> naming) {
        TextPrinter p = new TextPrinter(naming, PrintOptions.SCALAR);
        return p.condition(p.builder().condition(t));
    }

    private LayoutBuilder builder() {
        return new LayoutBuilder(naming, options);
    }

    private String render(Layout l) {
        if (l instanceof Layout.Name n) {
            // a shown name that is itself a quotient (∂C/∂W¹) is fenced inside a linear fraction
            return fractionDepth > 0 && n.shown().contains("/") ? "(" + n.shown() + ")" : n.shown();
        }
        if (l instanceof Layout.Number n) {
            return number(n.decimal());
        }
        if (l instanceof Layout.Sum s) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < s.terms().size(); i++) {
                boolean minus = s.negated().get(i);
                if (i == 0) {
                    out.append(minus ? "−" : "");
                } else {
                    out.append(minus ? " − " : " + ");
                }
                out.append(render(s.terms().get(i)));
            }
            return out.toString();
        }
        if (l instanceof Layout.Negation n) {
            return "−" + render(n.operand());
        }
        if (l instanceof Layout.Product p) {
            StringBuilder out = new StringBuilder(render(p.factors().get(0)));
            for (int i = 1; i < p.factors().size(); i++) {
                out.append(p.hadamard().get(i) ? " ⊙ " : "·").append(render(p.factors().get(i)));
            }
            return out.toString();
        }
        if (l instanceof Layout.Fraction f) {
            // a linear fraction: a sum above or a product below needs parentheses, a/(b·c)
            fractionDepth++;
            String quotient = render(LayoutBuilder.fenced(f.numerator(), Precedence.PRODUCT)) + "/"
                    + render(LayoutBuilder.fenced(f.denominator(), Precedence.POWER));
            fractionDepth--;
            return quotient;
        }
        if (l instanceof Layout.Power p) {
            return base(p.base()) + exponent(p.exponent());
        }
        if (l instanceof Layout.Root r) {
            return "√" + render(LayoutBuilder.fenced(r.radicand(), Precedence.ATOM));
        }
        if (l instanceof Layout.Exponential e) {
            String raised = UnicodeScripts.superscript(render(e.exponent()));
            return raised != null ? "e" + raised : "exp(" + render(e.exponent()) + ")";
        }
        if (l instanceof Layout.Magnitude m) {
            return "|" + render(m.operand()) + "|";
        }
        if (l instanceof Layout.Application a) {
            StringBuilder out = new StringBuilder(functionName(a.fn())).append('(');
            for (int i = 0; i < a.args().size(); i++) {
                out.append(i == 0 ? "" : ", ").append(render(a.args().get(i)));
            }
            return out.append(')').toString();
        }
        if (l instanceof Layout.Fenced f) {
            return "(" + render(f.inner()) + ")";
        }
        Layout.Cases c = (Layout.Cases) l;
        StringBuilder out = new StringBuilder();
        for (Layout.Branch b : c.branches()) {
            out.append("if ").append(condition(b.test())).append(" then ").append(render(b.value())).append(" else ");
        }
        return out.append(render(c.otherwise())).toString();
    }

    private String base(Layout base) {
        if (base instanceof Layout.Name n && (UnicodeScripts.hasRaised(n.shown()) || n.shown().contains("/"))) {
            return "(" + n.shown() + ")";
        }
        return render(base);
    }

    private String exponent(Layout exponent) {
        String plain = render(exponent);
        String raised = UnicodeScripts.superscript(plain);
        if (raised != null) {
            return raised;
        }
        return "^" + render(LayoutBuilder.fenced(exponent, Precedence.ATOM));
    }

    private String condition(Layout.Condition c) {
        if (c instanceof Layout.Relation r) {
            return render(r.left()) + " " + relation(r.rel()) + " " + render(r.right());
        }
        if (c instanceof Layout.Junction j) {
            return junctionSide(j.left(), j.and()) + (j.and() ? " and " : " or ") + junctionSide(j.right(), j.and());
        }
        Layout.Condition negated = ((Layout.Negated) c).test();
        return negated instanceof Layout.Junction ? "not (" + condition(negated) + ")" : "not " + condition(negated);
    }

    private String junctionSide(Layout.Condition side, boolean and) {
        boolean fence = side instanceof Layout.Junction j && j.and() != and;
        return fence ? "(" + condition(side) + ")" : condition(side);
    }

    static String relation(Test.Rel rel) {
        return switch (rel) {
            case LT -> "<";
            case LE -> "≤";
            case GT -> ">";
            case GE -> "≥";
            case EQ -> "=";
            case NE -> "≠";
        };
    }

    static String functionName(Fn fn) {
        return switch (fn) {
            case SIGMOID -> "σ";
            case SIGN -> "sgn";
            default -> fn.spelling();
        };
    }

    private static String number(Decimal d) {
        if (!d.isScientific()) {
            return d.mantissa();
        }
        String power = "10" + UnicodeScripts.superscript(Integer.toString(d.exponent()));
        return d.mantissa().equals("1") ? power : d.mantissa() + "·" + power;
    }
}
